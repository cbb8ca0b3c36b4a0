package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Audit records in the {@code audit_records} table, newest last. */
final class JdbcAuditLog implements AuditLog {

  private final JdbcTransactions jdbc;

  JdbcAuditLog(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void record(MintRecord record) {
    jdbc.update(
        "INSERT INTO audit_records (minted_at, workspace_id, credential_id, user_id, jti,"
            + " grant_count, profile) VALUES (?, ?, ?, ?, ?, ?, ?)",
        record.at().toEpochMilli(),
        record.workspaceId(),
        record.credentialId(),
        record.userId(),
        record.jti(),
        record.grantCount(),
        record.profile());
  }

  @Override
  public List<MintRecord> recent(String workspaceId, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return jdbc.list(
        "SELECT minted_at, workspace_id, credential_id, user_id, jti, grant_count, profile"
            + " FROM audit_records WHERE workspace_id = ? ORDER BY id DESC LIMIT ?",
        JdbcAuditLog::record,
        workspaceId,
        limit);
  }

  private static MintRecord record(ResultSet row) throws SQLException {
    return new MintRecord(
        Instant.ofEpochMilli(row.getLong("minted_at")),
        row.getString("workspace_id"),
        row.getString("credential_id"),
        row.getString("user_id"),
        row.getString("jti"),
        row.getInt("grant_count"),
        row.getString("profile"));
  }
}
