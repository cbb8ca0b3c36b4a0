package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** User profiles in the {@code users} table, roles in order in one column. */
final class JdbcUserDirectory implements UserDirectory {

  private static final String SELECT =
      "SELECT user_id, name, email, is_admin, roles, company, dept, title, mobile, dob, description"
          + " FROM users";

  // Role names hold no control character (a UserProfile rule), so a newline separates them.
  private static final String ROLE_SEPARATOR = "\n";

  // Ids per IN list: far below every driver's parameter limit.
  private static final int IDS_PER_QUERY = 500;

  private final JdbcTransactions jdbc;

  JdbcUserDirectory(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<User> find(String workspaceId, String userId) {
    return jdbc.first(
        SELECT + " WHERE workspace_id = ? AND user_id = ?",
        JdbcUserDirectory::user,
        workspaceId,
        userId);
  }

  @Override
  public List<User> findAll(String workspaceId, Collection<String> userIds) {
    List<String> ids = userIds.stream().distinct().toList();
    List<User> found = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
      List<Object> parameters = new ArrayList<>(chunk.size() + 1);
      parameters.add(workspaceId);
      parameters.addAll(chunk);
      String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      found.addAll(
          jdbc.list(
              SELECT + " WHERE workspace_id = ? AND user_id IN (" + placeholders + ")",
              JdbcUserDirectory::user,
              parameters.toArray()));
    }
    return found;
  }

  @Override
  public void save(String workspaceId, User user) {
    UserProfile p = user.profile();
    String roles = String.join(ROLE_SEPARATOR, p.roles());
    Object[] profile = {
      p.name().orElse(null),
      p.email().orElse(null),
      p.admin(),
      roles,
      p.company().orElse(null),
      p.dept().orElse(null),
      p.title().orElse(null),
      p.mobile().orElse(null),
      p.dob().orElse(null),
      p.description().orElse(null)
    };
    jdbc.upsert(
        "INSERT INTO users (workspace_id, user_id, name, email, is_admin, roles, company, dept,"
            + " title, mobile, dob, description)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        concat(new Object[] {workspaceId, user.userId()}, profile),
        "UPDATE users SET name = ?, email = ?, is_admin = ?, roles = ?, company = ?, dept = ?,"
            + " title = ?, mobile = ?, dob = ?, description = ?"
            + " WHERE workspace_id = ? AND user_id = ?",
        concat(profile, new Object[] {workspaceId, user.userId()}));
  }

  private static Object[] concat(Object[] first, Object[] second) {
    Object[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static User user(ResultSet row) throws SQLException {
    String roles = row.getString("roles");
    return new User(
        row.getString("user_id"),
        UserProfile.builder()
            .name(row.getString("name"))
            .email(row.getString("email"))
            .admin(row.getBoolean("is_admin"))
            .roles(roles.isEmpty() ? List.of() : List.of(roles.split(ROLE_SEPARATOR, -1)))
            .company(row.getString("company"))
            .dept(row.getString("dept"))
            .title(row.getString("title"))
            .mobile(row.getString("mobile"))
            .dob(row.getString("dob"))
            .description(row.getString("description"))
            .build());
  }
}
