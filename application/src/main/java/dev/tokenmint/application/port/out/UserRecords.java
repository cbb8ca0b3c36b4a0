package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What minting reads of one user, read together: a database answers it in one statement (one round
 * trip on one connection) instead of one per store.
 */
public interface UserRecords {

  /**
   * The user's stored profile (if saved), stored attributes (empty when none) and every stored
   * grant, expired ones included: what {@link UserDirectory#find}, {@link
   * UserDirectory#attributesOf} and {@link GrantStore#grantsOf} return for the user.
   */
  UserRecord read(String workspaceId, String userId);

  /** One user's stored records. */
  record UserRecord(Optional<User> user, Attributes attributes, GrantSet grants) {
    /** Every part is required. */
    public UserRecord {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(attributes, "attributes");
      Objects.requireNonNull(grants, "grants");
    }
  }

  /**
   * The records read from each store in turn (three reads): for stores in memory, where a read
   * costs no round trip.
   */
  static UserRecords of(UserDirectory users, GrantStore grants) {
    return (workspaceId, userId) ->
        new UserRecord(
            users.find(workspaceId, userId),
            users
                .attributesOf(workspaceId, List.of(userId))
                .getOrDefault(userId, Attributes.empty()),
            grants.grantsOf(workspaceId, userId));
  }
}
