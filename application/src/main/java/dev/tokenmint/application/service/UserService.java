package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageUsers;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.GrantStore.Member;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Remedy;
import dev.tokenmint.domain.failure.ResourceExhaustedException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Velt's users API over the user directory and the grant store, one transaction per user; each
 * user's change is audited once it committed, a refusal is not.
 *
 * <p>
 */
public record UserService(
    UserDirectory users,
    GrantStore grants,
    Transactions transactions,
    AuditLog audit,
    Clock clock,
    int maxGrantsPerUser)
    implements ManageUsers {

  @Override
  public Map<String, UserOutcome> add(Caller caller, MembershipCommand command) {
    return perMember(
        caller,
        command,
        AuditKind.USER_ADDED,
        m -> " as " + m.role().orElse(AccessRole.DEFAULT).wireName(),
        this::addOne);
  }

  @Override
  public Map<String, UserOutcome> update(Caller caller, MembershipCommand command) {
    return perMember(
        caller,
        command,
        AuditKind.USER_UPDATED,
        m -> m.role().map(role -> " as " + role.wireName()).orElse(", profile only"),
        this::updateOne);
  }

  @Override
  public Map<String, UserOutcome> delete(Caller caller, Resource scope, List<String> userIds) {
    caller.require(CredentialRole.ADMIN);
    String workspaceId = caller.workspace().id();
    return perUser(
        "userIds",
        userIds,
        Function.identity(),
        userId ->
            audited(
                caller,
                AuditKind.USER_DELETED,
                userId,
                AuditDetails.scope(scope),
                () -> deleteOne(workspaceId, scope, userId)));
  }

  /** A change to one member of a scope. */
  @FunctionalInterface
  private interface MemberChange {
    UserOutcome apply(String workspaceId, Resource scope, Membership membership);
  }

  /**
   * Makes {@code change} to each member of the command, audited as {@code kind} with the scope and
   * what {@code role} says of the member.
   */
  private Map<String, UserOutcome> perMember(
      Caller caller,
      MembershipCommand command,
      AuditKind kind,
      Function<Membership, String> role,
      MemberChange change) {
    caller.require(CredentialRole.ADMIN);
    String workspaceId = caller.workspace().id();
    Resource scope = command.scope();
    return perUser(
        "memberships",
        command.memberships(),
        m -> m.user().userId(),
        m ->
            audited(
                caller,
                kind,
                m.user().userId(),
                AuditDetails.scope(scope) + role.apply(m),
                () -> change.apply(workspaceId, scope, m)));
  }

  /**
   * Runs one user's change in its own transaction and, when it succeeded, records {@code kind}
   * about the user. Room for the event is taken first: without it the change is not made.
   */
  private UserOutcome audited(
      Caller caller, AuditKind kind, String userId, String detail, Supplier<UserOutcome> change) {
    try (AuditLog.Reservation room = audit.reserve(1)) {
      UserOutcome outcome = transactions.inTransaction(change);
      if (outcome.success()) {
        room.record(
            AuditEvent.by(caller, clock.instant().truncatedTo(ChronoUnit.MILLIS), kind)
                .onUser(userId)
                .withDetail(detail));
      }
      return outcome;
    }
  }

  @Override
  public UsersPage get(Caller caller, UsersQuery query) {
    caller.require(CredentialRole.ADMIN);
    String workspaceId = caller.workspace().id();
    checkQuery(query);
    Optional<String> after = query.pageToken().map(token -> decodePageToken(query.scope(), token));
    int size = query.pageSize();
    List<Member> members =
        query
            .userIds()
            .map(ids -> named(workspaceId, query.scope(), ids, after, size + 1))
            .orElseGet(() -> grants.members(workspaceId, query.scope(), after, size + 1));
    Optional<String> next = Optional.empty();
    if (members.size() > size) {
      members = members.subList(0, size);
      next = Optional.of(encodePageToken(query.scope(), members.get(size - 1).userId()));
    }
    List<String> memberIds = members.stream().map(Member::userId).toList();
    Map<String, User> profiles =
        users.findAll(workspaceId, memberIds).stream()
            .collect(Collectors.toMap(User::userId, Function.identity()));
    Map<String, Attributes> attributes = users.attributesOf(workspaceId, memberIds);
    List<MemberView> views =
        members.stream()
            .map(
                m ->
                    new MemberView(
                        profiles.getOrDefault(
                            m.userId(), new User(m.userId(), UserProfile.empty())),
                        m.grant(),
                        attributes.getOrDefault(m.userId(), Attributes.empty())))
            .toList();
    return new UsersPage(views, next);
  }

  private UserOutcome addOne(String workspaceId, Resource scope, Membership membership) {
    String userId = membership.user().userId();
    var stored = grants.grantsOf(workspaceId, userId);
    if (stored.on(scope).isPresent()) {
      return UserOutcome.failed("already a member of " + scope.describe(), Remedy.UPDATE_MEMBER);
    }
    if (stored.size() >= maxGrantsPerUser) {
      return UserOutcome.failed(
          "already holds " + stored.size() + " stored grants, the most a token may carry");
    }
    users.merge(workspaceId, membership.user());
    changeAttributes(workspaceId, membership);
    grants.put(workspaceId, userId, Grant.of(scope, membership.role().orElse(AccessRole.DEFAULT)));
    return UserOutcome.succeeded(userId, "added");
  }

  private UserOutcome updateOne(String workspaceId, Resource scope, Membership membership) {
    String userId = membership.user().userId();
    Optional<Grant> existing = grants.grantsOf(workspaceId, userId).on(scope);
    if (existing.isEmpty()) {
      return UserOutcome.failed("not a member of " + scope.describe(), Remedy.ADD_MEMBER);
    }
    users.merge(workspaceId, membership.user());
    changeAttributes(workspaceId, membership);
    membership
        .role()
        .ifPresent(
            role ->
                grants.put(
                    workspaceId, userId, new Grant(scope, role, existing.get().expiresAt())));
    return UserOutcome.succeeded(userId, "updated");
  }

  private UserOutcome deleteOne(String workspaceId, Resource scope, String userId) {
    boolean removed =
        scope instanceof Organization
            ? grants.removeWithin(workspaceId, userId, scope.id()) > 0
            : grants.remove(workspaceId, userId, scope);
    return removed
        ? UserOutcome.succeeded(userId, "removed")
        : UserOutcome.failed("not a member of " + scope.describe());
  }

  /**
   * Applies the membership's attribute change to the user's stored attributes ({@link
   * dev.tokenmint.domain.user.AttributesUpdate#applyTo}); the user is saved already.
   *
   * @throws InvalidArgumentException under {@code attributes} when the result breaks a limit
   */
  private void changeAttributes(String workspaceId, Membership membership) {
    String userId = membership.user().userId();
    if (!membership.attributes().isEmpty()) {
      Attributes stored =
          users.attributesOf(workspaceId, List.of(userId)).getOrDefault(userId, Attributes.empty());
      Attributes changed;
      try {
        changed = membership.attributes().applyTo(stored);
      } catch (InvalidArgumentException e) {
        throw e.under("attributes");
      }
      users.saveAttributes(workspaceId, userId, changed);
    }
  }

  private List<Member> named(
      String workspaceId, Resource scope, List<String> userIds, Optional<String> after, int limit) {
    return userIds.stream()
        .distinct()
        .sorted()
        .filter(id -> after.map(a -> id.compareTo(a) > 0).orElse(true))
        .flatMap(
            id -> grants.grantsOf(workspaceId, id).on(scope).map(g -> new Member(id, g)).stream())
        .limit(limit)
        .toList();
  }

  /**
   * Runs {@code work} for each item, answering per user id: a failure of one is that user's
   * outcome. An id given more than once is ambiguous: none of its entries is applied ({@link
   * ManageUsers#repeatedUsers}, the items named as {@code field[i]}).
   */
  private static <T> Map<String, UserOutcome> perUser(
      String field, List<T> items, Function<T, String> idOf, Function<T, UserOutcome> work) {
    List<String> userIds = items.stream().map(idOf).toList();
    Map<String, UserOutcome> repeated =
        ManageUsers.repeatedUsers(userIds, i -> field + "[" + i + "]");
    Map<String, UserOutcome> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String userId = userIds.get(i);
      if (repeated.containsKey(userId)) {
        outcomes.putIfAbsent(userId, repeated.get(userId));
      } else {
        outcomes.put(userId, attempt(work, items.get(i)));
      }
    }
    return outcomes;
  }

  private static <T> UserOutcome attempt(Function<T, UserOutcome> work, T item) {
    try {
      return work.apply(item);
    } catch (InvalidArgumentException | ResourceExhaustedException | AlreadyExistsException e) {
      // This user's problem only; a store that is down fails the whole request instead.
      return UserOutcome.failed(e);
    }
  }

  private static void checkQuery(UsersQuery query) {
    if (query.pageSize() < 1 || query.pageSize() > UsersQuery.MAX_PAGE_SIZE) {
      throw new InvalidArgumentException(
          "pageSize",
          "must be from 1 to " + UsersQuery.MAX_PAGE_SIZE + ", got " + query.pageSize());
    }
    query
        .userIds()
        .filter(ids -> ids.size() > UsersQuery.MAX_USER_IDS)
        .ifPresent(
            ids -> {
              throw new InvalidArgumentException(
                  "userIds",
                  "may name at most " + UsersQuery.MAX_USER_IDS + " users, got " + ids.size());
            });
  }

  /**
   * An opaque token naming the scope and the last user of a page, so a token cannot continue a
   * listing of another scope. Not a secret: it only says where a listing the caller may read stops.
   */
  private static String encodePageToken(Resource scope, String lastUserId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((scopeKey(scope) + "\n" + lastUserId).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodePageToken(Resource scope, String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String prefix = scopeKey(scope) + "\n";
      if (decoded.startsWith(prefix) && decoded.length() > prefix.length()) {
        return decoded.substring(prefix.length());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new InvalidArgumentException(
        "pageToken", "is not a nextPageToken this API returned for this scope");
  }

  private static String scopeKey(Resource scope) {
    return scope.type().wireName() + "\n" + scope.organizationId() + "\n" + scope.id();
  }
}
