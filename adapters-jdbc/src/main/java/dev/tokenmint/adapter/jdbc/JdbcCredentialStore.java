package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Credentials in the {@code credentials} table; auth tokens only as their hex SHA-256. */
final class JdbcCredentialStore implements CredentialStore {

  private static final String SELECT =
      "SELECT id, workspace_id, token_hash, role, created_at, revoked FROM credentials";

  private final JdbcTransactions jdbc;

  JdbcCredentialStore(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Credential> findByTokenHash(TokenHash hash) {
    return jdbc.first(
        SELECT + " WHERE token_hash = ?", JdbcCredentialStore::credential, hash.toHex());
  }

  @Override
  public List<Credential> listByWorkspace(String workspaceId) {
    return jdbc.list(
        SELECT + " WHERE workspace_id = ? ORDER BY created_at, seq",
        JdbcCredentialStore::credential,
        workspaceId);
  }

  @Override
  public void create(Credential credential) {
    jdbc.insert(
        "a credential with this id or auth token exists",
        "INSERT INTO credentials (id, workspace_id, token_hash, role, created_at, revoked)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        credential.id(),
        credential.workspaceId(),
        credential.tokenHash().toHex(),
        credential.role().wireName(),
        credential.createdAt().toEpochMilli(),
        credential.revoked());
  }

  @Override
  public boolean revoke(String workspaceId, String credentialId) {
    return jdbc.update(
            "UPDATE credentials SET revoked = TRUE WHERE workspace_id = ? AND id = ?",
            workspaceId,
            credentialId)
        > 0;
  }

  private static Credential credential(ResultSet row) throws SQLException {
    String role = row.getString("role");
    return new Credential(
        row.getString("id"),
        row.getString("workspace_id"),
        TokenHash.fromHex(row.getString("token_hash")),
        CredentialRole.fromWireName(role)
            .orElseThrow(() -> new IllegalStateException("unknown credential role " + role)),
        Instant.ofEpochMilli(row.getLong("created_at")),
        row.getBoolean("revoked"));
  }
}
