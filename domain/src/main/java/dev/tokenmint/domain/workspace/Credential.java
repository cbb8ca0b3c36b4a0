package dev.tokenmint.domain.workspace;

import dev.tokenmint.domain.failure.Required;
import java.time.Instant;

/**
 * How a caller authenticates to a workspace: the workspace's API key plus an auth token, stored
 * only as its {@link TokenHash}, with a role. {@code revoked} credentials authenticate nobody.
 */
public record Credential(
    String id,
    String workspaceId,
    TokenHash tokenHash,
    CredentialRole role,
    Instant createdAt,
    boolean revoked) {

  /** Every part is required. */
  public Credential {
    Required.all(id, workspaceId, tokenHash, role, createdAt);
  }
}
