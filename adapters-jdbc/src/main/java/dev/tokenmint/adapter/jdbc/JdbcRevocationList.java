package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.RevocationList;
import java.time.Instant;

/** Revoked token ids in the {@code revoked_tokens} table. */
final class JdbcRevocationList implements RevocationList {

  private final JdbcTransactions jdbc;

  JdbcRevocationList(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void revoke(String workspaceId, String jti, Instant expiresAt) {
    long until = expiresAt.toEpochMilli();
    jdbc.upsert(
        "INSERT INTO revoked_tokens (workspace_id, jti, expires_at) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING",
        new Object[] {workspaceId, jti, until},
        "UPDATE revoked_tokens SET expires_at = GREATEST(expires_at, ?)"
            + " WHERE workspace_id = ? AND jti = ?",
        new Object[] {until, workspaceId, jti});
  }

  @Override
  public boolean isRevoked(String workspaceId, String jti, Instant now) {
    return jdbc.first(
            "SELECT 1 FROM revoked_tokens WHERE workspace_id = ? AND jti = ? AND expires_at > ?",
            row -> Boolean.TRUE,
            workspaceId,
            jti,
            now.toEpochMilli())
        .isPresent();
  }

  @Override
  public int forgetExpired(Instant now) {
    return jdbc.update("DELETE FROM revoked_tokens WHERE expires_at <= ?", now.toEpochMilli());
  }
}
