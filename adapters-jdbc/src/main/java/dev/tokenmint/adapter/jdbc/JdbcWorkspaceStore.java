package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.workspace.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Workspaces in the {@code workspaces} table. */
final class JdbcWorkspaceStore implements WorkspaceStore {

  private static final String SELECT =
      "SELECT id, api_key, name, default_marker, issuer FROM workspaces";

  private final JdbcTransactions jdbc;

  JdbcWorkspaceStore(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Workspace> findByApiKey(String apiKey) {
    return jdbc.first(SELECT + " WHERE api_key = ?", JdbcWorkspaceStore::workspace, apiKey);
  }

  @Override
  public Optional<Workspace> findDefault() {
    return jdbc.first(SELECT + " WHERE default_marker = TRUE", JdbcWorkspaceStore::workspace);
  }

  @Override
  public List<Workspace> list() {
    return jdbc.list(SELECT + " ORDER BY name, api_key", JdbcWorkspaceStore::workspace);
  }

  @Override
  public void create(Workspace workspace) {
    jdbc.insert(
        "a workspace with this id, API key or default flag exists",
        "INSERT INTO workspaces (id, api_key, name, default_marker, issuer) VALUES (?, ?, ?, ?, ?)",
        workspace.id(),
        workspace.apiKey(),
        workspace.name(),
        workspace.isDefault() ? Boolean.TRUE : null,
        workspace.issuer());
  }

  @Override
  public void assignMissingIssuers(String baseIssuer) {
    String base = Workspace.issuerUnder(baseIssuer, "", true);
    jdbc.update(
        "UPDATE workspaces SET issuer = ? WHERE issuer IS NULL AND default_marker = TRUE", base);
    jdbc.update(
        "UPDATE workspaces SET issuer = ? || '/workspaces/' || api_key WHERE issuer IS NULL", base);
  }

  private static Workspace workspace(ResultSet row) throws SQLException {
    if (row.getString("issuer") == null) {
      throw new FailedPreconditionException(
          "workspace "
              + row.getString("api_key")
              + " was made by an older tokenmint and has no stored issuer yet: start the server"
              + " once to finish the upgrade");
    }
    return new Workspace(
        row.getString("id"),
        row.getString("api_key"),
        row.getString("name"),
        row.getObject("default_marker") != null,
        row.getString("issuer"));
  }
}
