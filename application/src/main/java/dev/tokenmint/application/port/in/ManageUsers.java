package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.AttributesUpdate;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.workspace.Caller;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Velt's users API: members of an organization, a folder or a document, each with a profile and a
 * stored grant at that scope. Admin only. Batch operations answer per user: one bad user does not
 * sink the others, and each user's writes land together or not at all.
 */
public interface ManageUsers {

  /**
   * Adds each user as a member of {@code command.scope()}: profile and attributes created or
   * updated, grant stored. A folder or document scope may be a prefix pattern ({@code report_*}):
   * the membership is then the prefix grant.
   */
  Map<String, UserOutcome> add(Caller caller, MembershipCommand command);

  /**
   * Updates existing members' profiles and attributes and, when given, their role at the scope.
   */
  Map<String, UserOutcome> update(Caller caller, MembershipCommand command);

  /** One page of the scope's members, ordered by user id. */
  UsersPage get(Caller caller, UsersQuery query);

  /**
   * Removes users from the scope: from an organization, every grant inside it; from a folder or
   * document, that grant. Profiles stay.
   */
  Map<String, UserOutcome> delete(Caller caller, Resource scope, List<String> userIds);

  /** Users to add or update as members of {@code scope}. */
  record MembershipCommand(Resource scope, List<Membership> memberships) {
    /** Both parts are required. */
    public MembershipCommand {
      Objects.requireNonNull(scope, "scope");
      memberships = List.copyOf(memberships);
    }
  }

  /**
   * One user: the profile fields given, the role at the scope if given, and the change to the
   * user's stored attributes (names set, names dropped; the others kept).
   */
  record Membership(User user, Optional<AccessRole> role, AttributesUpdate attributes) {
    /** Every part is required. */
    public Membership {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(attributes, "attributes");
    }

    /** A membership that leaves the user's attributes as they are. */
    public Membership(User user, Optional<AccessRole> role) {
      this(user, role, AttributesUpdate.none());
    }
  }

  /** What happened to one user of a batch: success, or why not. */
  record UserOutcome(boolean success, Optional<String> id, Optional<String> message) {
    /** A success for the user with this id. */
    public static UserOutcome succeeded(String id, String message) {
      return new UserOutcome(true, Optional.of(id), Optional.of(message));
    }

    /** A failure with a reason safe to show. */
    public static UserOutcome failed(String message) {
      return new UserOutcome(false, Optional.empty(), Optional.of(message));
    }
  }

  /** Which members to list. {@code pageToken} continues a previous page. */
  record UsersQuery(
      Resource scope, Optional<List<String>> userIds, int pageSize, Optional<String> pageToken) {
    /** Most user ids one query may name. */
    public static final int MAX_USER_IDS = 30;

    /** Largest and default page. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** All parts are required; limits are checked by the use case. */
    public UsersQuery {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(userIds, "userIds");
      Objects.requireNonNull(pageToken, "pageToken");
      userIds = userIds.map(List::copyOf);
    }
  }

  /** A page of members and the token for the next one, when there is more. */
  record UsersPage(List<MemberView> members, Optional<String> nextPageToken) {
    /** Copies the list. */
    public UsersPage {
      members = List.copyOf(members);
      Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
  }

  /**
   * A member: the stored profile (empty when none was stored), the grant at the scope, and the
   * stored attributes (empty when none).
   */
  record MemberView(User user, Grant grant, Attributes attributes) {
    /** Every part is required. */
    public MemberView {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(attributes, "attributes");
    }
  }
}
