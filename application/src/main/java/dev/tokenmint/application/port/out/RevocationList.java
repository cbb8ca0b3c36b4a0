package dev.tokenmint.application.port.out;

import java.time.Instant;

/** Revoked token ids per workspace, kept until the tokens would have expired. */
public interface RevocationList {

  /**
   * Revokes {@code jti} in the workspace until {@code expiresAt}; revoking twice keeps the later
   * time.
   */
  void revoke(String workspaceId, String jti, Instant expiresAt);

  /**
   * True when {@code jti} is revoked in the workspace and its revocation has not lapsed at {@code
   * now}.
   */
  boolean isRevoked(String workspaceId, String jti, Instant now);

  /** Forgets revocations that lapsed before {@code now}; returns how many. */
  int forgetExpired(Instant now);
}
