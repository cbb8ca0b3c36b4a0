package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Resource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The stored grants of every workspace's users: at most one per user and resource. */
public interface GrantStore {

  /** Every grant stored for the user in the workspace, expired ones included. */
  GrantSet grantsOf(String workspaceId, String userId);

  /** Stores {@code grant} for the user, replacing a stored grant on the same resource. */
  void put(String workspaceId, String userId, Grant grant);

  /** Removes the user's grant on exactly {@code resource}; true when there was one. */
  boolean remove(String workspaceId, String userId, Resource resource);

  /**
   * Removes every grant of the user inside the organization (on it, its folders and documents);
   * returns how many.
   */
  int removeWithin(String workspaceId, String userId, String organizationId);

  /**
   * The users holding a grant on exactly {@code scope}, ordered by user id, starting after {@code
   * afterUserId}, at most {@code limit}.
   */
  List<Member> members(String workspaceId, Resource scope, Optional<String> afterUserId, int limit);

  /** A user and their grant on the scope asked about. */
  record Member(String userId, Grant grant) {
    /** Both parts are required. */
    public Member {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(grant, "grant");
    }
  }
}
