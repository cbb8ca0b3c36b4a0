package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.failure.Remedy;
import dev.tokenmint.domain.failure.TokenmintException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.AttributesUpdate;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.workspace.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

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

  /** Updates existing members' profiles and attributes and, when given, their role at the scope. */
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

  /**
   * The batch rule: a user named more than once in one request is ambiguous, so none of its entries
   * is applied and it is answered once, failed. Given the key of each entry in request order (its
   * user id) and how to name the position of an entry, returns the outcome of each key named more
   * than once, in the order the keys first appear.
   */
  static Map<String, UserOutcome> repeatedUsers(List<String> keys, IntFunction<String> positionOf) {
    Map<String, List<String>> positions = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      positions.computeIfAbsent(keys.get(i), key -> new ArrayList<>()).add(positionOf.apply(i));
    }
    Map<String, UserOutcome> repeated = new LinkedHashMap<>();
    positions.forEach(
        (key, at) -> {
          if (at.size() > 1) {
            repeated.put(
                key,
                UserOutcome.failed(
                    "userId appears more than once in this request ("
                        + String.join(", ", at)
                        + "); none of them was applied, send each user once"));
          }
        });
    return repeated;
  }

  /**
   * What happened to one user of a batch: success, or why not, and what the caller can do about it
   * when an adapter has to name that ({@link Remedy}).
   */
  record UserOutcome(
      boolean success, Optional<String> id, Optional<String> message, Optional<Remedy> remedy) {
    /** A success for the user with this id. */
    public static UserOutcome succeeded(String id, String message) {
      return new UserOutcome(true, Optional.of(id), Optional.of(message), Optional.empty());
    }

    /** A failure with a reason safe to show. */
    public static UserOutcome failed(String message) {
      return new UserOutcome(false, Optional.empty(), Optional.of(message), Optional.empty());
    }

    /** A failure for the reason {@code failure} gives, with its remedy if it has one. */
    public static UserOutcome failed(TokenmintException failure) {
      return new UserOutcome(
          false, Optional.empty(), Optional.of(failure.getMessage()), failure.remedy());
    }

    /** A failure with a reason safe to show, and what the caller can do about it. */
    public static UserOutcome failed(String message, Remedy remedy) {
      return new UserOutcome(false, Optional.empty(), Optional.of(message), Optional.of(remedy));
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
