package dev.tokenmint.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/**
 * How a caller authenticates to a workspace: the workspace's API key plus an auth token, stored only
 * as its {@link TokenHash}, with a role. {@code revoked} credentials authenticate nobody.
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
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
