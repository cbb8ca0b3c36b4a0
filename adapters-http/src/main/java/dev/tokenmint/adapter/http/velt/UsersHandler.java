package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenmint.application.port.in.ManageUsers;
import dev.tokenmint.application.port.in.ManageUsers.MemberView;
import dev.tokenmint.application.port.in.ManageUsers.Membership;
import dev.tokenmint.application.port.in.ManageUsers.MembershipCommand;
import dev.tokenmint.application.port.in.ManageUsers.UserOutcome;
import dev.tokenmint.application.port.in.ManageUsers.UsersPage;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Velt's users API: {@code POST /v2/users/add}, {@code /update}, {@code /get} and {@code /delete}.
 * The batch routes answer per user, keyed in request order; the use case is called even when every
 * user was refused here, so that it decides who may call.
 */
public record UsersHandler(VeltExchange velt, ManageUsers manageUsers) {

  /** {@code POST /v2/users/add}. */
  public void add(Context ctx) {
    saveMemberships(ctx, manageUsers::add);
  }

  /** {@code POST /v2/users/update}. */
  public void update(Context ctx) {
    saveMemberships(ctx, manageUsers::update);
  }

  /** {@code POST /v2/users/get}. */
  public void get(Context ctx) {
    Caller caller = velt.caller(ctx);
    UsersPage page = manageUsers.get(caller, velt.read(ctx, UsersQueryRequest.class).toQuery());
    velt.answerPage(
        ctx,
        "User(s) retrieved successfully.",
        page.members().stream().map(Member::of).toList(),
        page.nextPageToken());
  }

  /** {@code POST /v2/users/delete}. */
  public void delete(Context ctx) {
    Caller caller = velt.caller(ctx);
    UserBatch<String> batch = velt.read(ctx, DeleteUsersRequest.class).toBatch();
    Map<String, UserOutcome> outcomes = manageUsers.delete(caller, batch.scope(), batch.accepted());
    velt.answer(ctx, "User(s) deleted successfully.", outcomes(batch.answer(outcomes)));
  }

  /** Add and update: the request's memberships saved by {@code save}, answered per user. */
  private void saveMemberships(
      Context ctx, BiFunction<Caller, MembershipCommand, Map<String, UserOutcome>> save) {
    Caller caller = velt.caller(ctx);
    UserBatch<Membership> batch = velt.read(ctx, MembershipRequest.class).toBatch();
    Map<String, UserOutcome> outcomes =
        save.apply(caller, new MembershipCommand(batch.scope(), batch.accepted()));
    velt.answer(ctx, "User(s) processed successfully.", outcomes(batch.answer(outcomes)));
  }

  private static Map<String, Outcome> outcomes(Map<String, UserOutcome> outcomes) {
    Map<String, Outcome> answer = new LinkedHashMap<>();
    outcomes.forEach((key, outcome) -> answer.put(key, Outcome.of(outcome)));
    return answer;
  }

  /** {@code {"success":…,"id":…,"message":…}}, without the parts an outcome lacks. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Outcome(boolean success, String id, String message) {
    static Outcome of(UserOutcome outcome) {
      return new Outcome(
          outcome.success(), outcome.id().orElse(null), outcome.message().orElse(null));
    }
  }

  /**
   * A member as users/get lists it: id, the profile fields that are set ({@code isAdmin} only when
   * true, {@code roles} only when there are any), and the role (and expiry) at the scope.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Member(
      String userId,
      String name,
      String email,
      String accessRole,
      Long expiresAt,
      Boolean isAdmin,
      List<String> roles,
      String company,
      String dept,
      String title,
      String mobile,
      String dob,
      String description) {
    static Member of(MemberView view) {
      UserProfile profile = view.user().profile();
      return new Member(
          view.user().userId(),
          profile.name().orElse(null),
          profile.email().orElse(null),
          view.grant().role().wireName(),
          view.grant().expiresAt().map(Instant::getEpochSecond).orElse(null),
          profile.admin() ? Boolean.TRUE : null,
          profile.roles().isEmpty() ? null : profile.roles(),
          profile.company().orElse(null),
          profile.dept().orElse(null),
          profile.title().orElse(null),
          profile.mobile().orElse(null),
          profile.dob().orElse(null),
          profile.description().orElse(null));
    }
  }
}
