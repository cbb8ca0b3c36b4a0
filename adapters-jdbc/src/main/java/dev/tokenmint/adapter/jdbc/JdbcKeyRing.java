package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Key rings in the {@code signing_keys} table; private keys stored as the ring is given them. */
final class JdbcKeyRing implements KeyRing {

  private static final String SELECT =
      "SELECT kid, algorithm, status, created_at, public_jwk, private_jwk FROM signing_keys";

  private final JdbcTransactions jdbc;

  JdbcKeyRing(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<SigningKey> activeKey(String workspaceId) {
    return jdbc.first(
        SELECT + " WHERE workspace_id = ? AND status = 'active'", JdbcKeyRing::key, workspaceId);
  }

  @Override
  public List<SigningKey> keys(String workspaceId) {
    return jdbc.list(
        SELECT + " WHERE workspace_id = ? ORDER BY id DESC", JdbcKeyRing::key, workspaceId);
  }

  @Override
  public void activate(String workspaceId, SigningKey key) {
    jdbc.run(
        () -> {
          // Locking the workspace row serializes activations across instances: each one demotes
          // the key the previous one activated, and the ring never holds two active keys.
          jdbc.list(
              "SELECT id FROM workspaces WHERE id = ? FOR UPDATE",
              row -> row.getString(1),
              workspaceId);
          jdbc.update(
              "UPDATE signing_keys SET status = 'retiring', active_marker = NULL"
                  + " WHERE workspace_id = ? AND status = 'active'",
              workspaceId);
          jdbc.insert(
              "the workspace has a key with this kid",
              "INSERT INTO signing_keys (workspace_id, kid, algorithm, status, active_marker,"
                  + " created_at, public_jwk, private_jwk)"
                  + " VALUES (?, ?, ?, 'active', TRUE, ?, ?, ?)",
              workspaceId,
              key.kid(),
              key.algorithm().joseName(),
              key.createdAt().toEpochMilli(),
              key.publicJwk(),
              key.privateJwk());
        });
  }

  private static SigningKey key(ResultSet row) throws SQLException {
    String algorithm = row.getString("algorithm");
    return new SigningKey(
        row.getString("kid"),
        SigningAlgorithm.fromJoseName(algorithm)
            .orElseThrow(() -> new IllegalStateException("unknown key algorithm " + algorithm)),
        KeyStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
        Instant.ofEpochMilli(row.getLong("created_at")),
        row.getString("public_jwk"),
        row.getString("private_jwk"));
  }
}
