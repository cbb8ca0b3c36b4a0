package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Resource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stored grants in the {@code grants} table, one row per user and resource. A user's grants come
 * back ordered by organization, type and id.
 */
final class JdbcGrantStore implements GrantStore {

  private final JdbcTransactions jdbc;

  JdbcGrantStore(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public GrantSet grantsOf(String workspaceId, String userId) {
    return GrantSet.of(
        jdbc.list(
            "SELECT resource_type, organization_id, resource_id, access_role, expires_at"
                + " FROM grants WHERE workspace_id = ? AND user_id = ?"
                + " ORDER BY organization_id, resource_type, resource_id",
            row ->
                grant(
                    row,
                    Resource.of(row.getString(1), row.getString(3), Optional.of(row.getString(2))),
                    4),
            workspaceId,
            userId));
  }

  @Override
  public void put(String workspaceId, String userId, Grant grant) {
    Resource r = grant.resource();
    String role = grant.role().wireName();
    Long expiresAt = grant.expiresAt().map(Instant::toEpochMilli).orElse(null);
    jdbc.upsert(
        "INSERT INTO grants (workspace_id, user_id, resource_type, organization_id, resource_id,"
            + " access_role, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        new Object[] {
          workspaceId, userId, r.type().wireName(), r.organizationId(), r.id(), role, expiresAt
        },
        "UPDATE grants SET access_role = ?, expires_at = ? WHERE workspace_id = ? AND user_id = ?"
            + " AND resource_type = ? AND organization_id = ? AND resource_id = ?",
        new Object[] {
          role, expiresAt, workspaceId, userId, r.type().wireName(), r.organizationId(), r.id()
        });
  }

  @Override
  public boolean remove(String workspaceId, String userId, Resource resource) {
    return jdbc.update(
            "DELETE FROM grants WHERE workspace_id = ? AND user_id = ? AND resource_type = ?"
                + " AND organization_id = ? AND resource_id = ?",
            workspaceId,
            userId,
            resource.type().wireName(),
            resource.organizationId(),
            resource.id())
        > 0;
  }

  @Override
  public int removeWithin(String workspaceId, String userId, String organizationId) {
    return jdbc.update(
        "DELETE FROM grants WHERE workspace_id = ? AND user_id = ? AND organization_id = ?",
        workspaceId,
        userId,
        organizationId);
  }

  @Override
  public List<Member> members(
      String workspaceId, Resource scope, Optional<String> afterUserId, int limit) {
    if (limit < 1) {
      return List.of();
    }
    List<Object> parameters =
        new ArrayList<>(
            List.of(workspaceId, scope.type().wireName(), scope.organizationId(), scope.id()));
    afterUserId.ifPresent(parameters::add);
    parameters.add(limit);
    return jdbc.list(
        "SELECT user_id, access_role, expires_at FROM grants WHERE workspace_id = ?"
            + " AND resource_type = ? AND organization_id = ? AND resource_id = ?"
            + (afterUserId.isPresent() ? " AND user_id > ?" : "")
            + " ORDER BY user_id LIMIT ?",
        row -> new Member(row.getString(1), grant(row, scope, 2)),
        parameters.toArray());
  }

  /**
   * The grant on {@code resource} whose access_role is in column {@code role} and expires_at in the
   * next. By position: H2 looks a column name up on every call, a cost on the minting path.
   */
  static Grant grant(ResultSet row, Resource resource, int role) throws SQLException {
    String accessRole = row.getString(role);
    Long expiresAt = row.getObject(role + 1, Long.class);
    return new Grant(
        resource,
        AccessRole.fromWireName(accessRole)
            .orElseThrow(() -> new IllegalStateException("unknown access role " + accessRole)),
        Optional.ofNullable(expiresAt).map(Instant::ofEpochMilli));
  }
}
