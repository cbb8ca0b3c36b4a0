package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.application.port.in.ManageUsers.Membership;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.identifier.WireNamed;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.AttributesUpdate;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /v2/users/add} and {@code /v2/users/update}: a scope ({@code
 * organizationId}, optionally one {@code folderId} or {@code documentId}) and the users to make, or
 * keep, members of it.
 */
record MembershipRequest(
    @NotNull(message = "is required") String organizationId,
    String documentId,
    String folderId,
    @NotNull(message = "is required")
        @Size(
            min = 1,
            max = MembershipRequest.MAX_USERS,
            message = "must hold {min} to {max} users")
        List<UserEntry> users) {

  /**
   * Most users one request may name. Each user is its own transaction; a thousand keeps a request
   * well under a second and matches the largest users/get page.
   */
  static final int MAX_USERS = 1000;

  /**
   * One user as Velt sends it. {@code initial} is accepted and ignored: tokenmint keeps no avatar
   * data and puts no initials in tokens. {@code attributes} (tokenmint's) changes the user's stored
   * attributes per name; {@code null} drops a name.
   */
  record UserEntry(
      String userId,
      String name,
      String email,
      String accessRole,
      String initial,
      Map<String, Object> attributes) {

    /** This user as a membership; every broken rule at once, named by field. */
    Membership toMembership() {
      Violations violations = new Violations();
      Optional<UserProfile> profile =
          violations.collect("", () -> UserProfile.builder().name(name).email(email).build());
      Optional<User> user =
          violations.collect("", () -> new User(userId, profile.orElse(UserProfile.empty())));
      Optional<AccessRole> role =
          Optional.ofNullable(accessRole)
              .flatMap(
                  name -> WireNamed.parse(violations, "accessRole", AccessRole.values(), name));
      Optional<AttributesUpdate> update =
          attributes == null
              ? Optional.of(AttributesUpdate.none())
              : violations.collect("attributes", () -> AttributesUpdate.fromWire(attributes));
      violations.throwIfAny();
      return new Membership(user.orElseThrow(), role, update.orElseThrow());
    }
  }

  /**
   * The scope and the users, each converted on its own.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException for a problem of the request as a
   *     whole: its scope, or an entry that is not an object
   */
  UserBatch<Membership> toBatch() {
    Violations violations = new Violations();
    Optional<Resource> scope = MembershipScope.of(violations, organizationId, folderId, documentId);
    for (int i = 0; i < users.size(); i++) {
      violations.require(users.get(i) != null, "users[" + i + "]", "must be an object");
    }
    violations.throwIfAny();
    return UserBatch.of(
        scope.orElseThrow(), "users", users, UserEntry::userId, UserEntry::toMembership);
  }
}
