package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.adapter.http.error.Remedies;
import dev.tokenmint.application.port.in.ManageUsers;
import dev.tokenmint.application.port.in.ManageUsers.UserOutcome;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.resource.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The users of one users/add, users/update or users/delete request, at the request's scope.
 *
 * <p>Each entry is keyed as the answer will key it: by its {@code userId}, or by its JSON path
 * ({@code users[2]}) when it has no valid one. Each is converted on its own, so a bad entry fails
 * alone, with a message naming its field. A key that appears more than once is ambiguous: none of
 * its entries is applied ({@link ManageUsers#repeatedUsers}, the use case's rule).
 *
 * @param <T> what the use case takes for one user
 */
final class UserBatch<T> {

  private final Resource scope;
  private final List<String> keys;
  private final Map<String, UserOutcome> refused;
  private final List<T> accepted;

  private UserBatch(
      Resource scope, List<String> keys, Map<String, UserOutcome> refused, List<T> accepted) {
    this.scope = scope;
    this.keys = keys;
    this.refused = refused;
    this.accepted = accepted;
  }

  /**
   * The batch of {@code entries}, found at {@code path} in the request, each converted by {@code
   * convert}, which throws {@link InvalidArgumentException} with paths relative to the entry.
   */
  static <E, T> UserBatch<T> of(
      Resource scope,
      String path,
      List<E> entries,
      Function<E, String> userIdOf,
      Function<E, T> convert) {
    IntFunction<String> pathOf = i -> path + "[" + i + "]";
    List<String> entryKeys = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      entryKeys.add(keyOf(userIdOf.apply(entries.get(i)), pathOf.apply(i)));
    }
    Map<String, UserOutcome> refused = new HashMap<>(ManageUsers.repeatedUsers(entryKeys, pathOf));
    List<T> accepted = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String key = entryKeys.get(i);
      if (refused.containsKey(key)) {
        continue;
      }
      try {
        accepted.add(convert.apply(entries.get(i)));
      } catch (InvalidArgumentException e) {
        refused.put(key, UserOutcome.failed(e.under(pathOf.apply(i))));
      }
    }
    return new UserBatch<>(scope, List.copyOf(new LinkedHashSet<>(entryKeys)), refused, accepted);
  }

  /** The scope the request is about. */
  Resource scope() {
    return scope;
  }

  /** The entries for the use case: valid, and each user once. */
  List<T> accepted() {
    return List.copyOf(accepted);
  }

  /**
   * Every entry's outcome in request order: the refused ones from here, the others from the use
   * case's answer {@code fromUseCase}, keyed by user id; a failure's remedy is in its message.
   */
  Map<String, UserOutcome> answer(Map<String, UserOutcome> fromUseCase) {
    Map<String, UserOutcome> answer = new LinkedHashMap<>();
    for (String key : keys) {
      UserOutcome outcome = refused.containsKey(key) ? refused.get(key) : fromUseCase.get(key);
      if (outcome == null) {
        throw new IllegalStateException("the use case gave no outcome for an accepted user");
      }
      answer.put(key, outcome.remedy().isEmpty() ? outcome : advised(outcome));
    }
    return answer;
  }

  private static UserOutcome advised(UserOutcome failed) {
    return UserOutcome.failed(Remedies.advised(failed.message().orElseThrow(), failed.remedy()));
  }

  private static String keyOf(String userId, String path) {
    return Identifier.check(new Violations(), "userId", userId) ? userId : path;
  }
}
