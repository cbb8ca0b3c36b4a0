package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.grant.GrantSet;

/** The stored grants of every workspace's users. */
public interface GrantStore {

  /** Every grant stored for the user in the workspace, expired ones included. */
  GrantSet grantsOf(String workspaceId, String userId);
}
