package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * User profiles in the {@code users} table, roles in order in one column; their attributes in
 * {@code user_attributes}, one row per name.
 */
final class JdbcUserDirectory implements UserDirectory {

  private static final String SELECT =
      "SELECT user_id, name, email, is_admin, roles, company, dept, title, mobile, dob, description"
          + " FROM users";

  // Role names hold no control character (a UserProfile rule), so a newline separates them.
  private static final String ROLE_SEPARATOR = "\n";

  // Ids per IN list: far below every driver's parameter limit.
  private static final int IDS_PER_QUERY = 500;

  // Attribute strings hold no control character, so a newline ends each element of an array.
  private static final String ELEMENT_END = "\n";

  private final JdbcTransactions jdbc;

  JdbcUserDirectory(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<User> find(String workspaceId, String userId) {
    return jdbc.first(
        SELECT + " WHERE workspace_id = ? AND user_id = ?",
        row -> user(row, 1),
        workspaceId,
        userId);
  }

  @Override
  public List<User> findAll(String workspaceId, Collection<String> userIds) {
    List<User> found = new ArrayList<>();
    inChunks(
        workspaceId,
        userIds,
        (placeholders, parameters) ->
            found.addAll(
                jdbc.list(
                    SELECT + " WHERE workspace_id = ? AND user_id IN (" + placeholders + ")",
                    row -> user(row, 1),
                    parameters)));
    return found;
  }

  /**
   * Calls {@code query} once per {@link #IDS_PER_QUERY} distinct {@code userIds} with the
   * placeholders of their {@code IN} list and the parameters: the workspace, then the ids.
   */
  private static void inChunks(
      String workspaceId, Collection<String> userIds, BiConsumer<String, Object[]> query) {
    List<String> ids = userIds.stream().distinct().toList();
    for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
      List<Object> parameters = new ArrayList<>(chunk.size() + 1);
      parameters.add(workspaceId);
      parameters.addAll(chunk);
      query.accept(String.join(", ", Collections.nCopies(chunk.size(), "?")), parameters.toArray());
    }
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

  @Override
  public Map<String, Attributes> attributesOf(String workspaceId, Collection<String> userIds) {
    Map<String, Map<String, Object>> byUser = new LinkedHashMap<>();
    inChunks(
        workspaceId,
        userIds,
        (placeholders, parameters) ->
            jdbc.list(
                    "SELECT user_id, name, kind, value_text FROM user_attributes WHERE"
                        + " workspace_id = ? AND user_id IN ("
                        + placeholders
                        + ") ORDER BY user_id, name",
                    row ->
                        Map.entry(
                            row.getString(1), // by position: H2 looks a name up on every call
                            Map.entry(row.getString(2), value(row.getString(3), row.getString(4)))),
                    parameters)
                .forEach(
                    entry ->
                        byUser
                            .computeIfAbsent(entry.getKey(), user -> new LinkedHashMap<>())
                            .put(entry.getValue().getKey(), entry.getValue().getValue())));
    Map<String, Attributes> found = new LinkedHashMap<>();
    byUser.forEach((userId, values) -> found.put(userId, Attributes.of(values)));
    return found;
  }

  @Override
  public void saveAttributes(String workspaceId, String userId, Attributes attributes) {
    List<Map.Entry<String, Object>> values = List.copyOf(attributes.asMap().entrySet());
    jdbc.run(
        () -> {
          jdbc.update(
              "DELETE FROM user_attributes WHERE workspace_id = ? AND user_id = ?",
              workspaceId,
              userId);
          if (!values.isEmpty()) {
            jdbc.batch(
                "INSERT INTO user_attributes (workspace_id, user_id, name, kind, value_text)"
                    + " VALUES (?, ?, ?, ?, ?)",
                values.size(),
                (statement, i) -> {
                  Map.Entry<String, Object> value = values.get(i);
                  statement.setString(1, workspaceId);
                  statement.setString(2, userId);
                  statement.setString(3, value.getKey());
                  statement.setString(4, kind(value.getValue()));
                  statement.setString(5, text(value.getValue()));
                });
          }
        });
  }

  private static String kind(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Long) {
      return "integer";
    }
    if (value instanceof Double) {
      return "decimal";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return "strings";
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      StringBuilder elements = new StringBuilder();
      list.forEach(element -> elements.append(element).append(ELEMENT_END));
      return elements.toString();
    }
    return String.valueOf(value); // Double.toString round-trips exactly through parseDouble
  }

  static Object value(String kind, String text) {
    return switch (kind) {
      case "string" -> text;
      case "integer" -> Long.parseLong(text);
      case "decimal" -> Double.parseDouble(text);
      case "boolean" -> Boolean.parseBoolean(text);
      case "strings" ->
          text.isEmpty()
              ? List.of()
              : List.of(text.substring(0, text.length() - 1).split(ELEMENT_END, -1));
      default -> throw new IllegalStateException("unknown attribute kind " + kind);
    };
  }

  private static Object[] concat(Object[] first, Object[] second) {
    Object[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /**
   * The user in the columns of {@link #SELECT}, in its order, from column {@code first} (user_id)
   * on. By position: H2 looks a column name up on every call, a cost on the minting path.
   */
  static User user(ResultSet row, int first) throws SQLException {
    String roles = row.getString(first + 4);
    return new User(
        row.getString(first),
        UserProfile.builder()
            .name(row.getString(first + 1))
            .email(row.getString(first + 2))
            .admin(row.getBoolean(first + 3))
            .roles(roles.isEmpty() ? List.of() : List.of(roles.split(ROLE_SEPARATOR, -1)))
            .company(row.getString(first + 5))
            .dept(row.getString(first + 6))
            .title(row.getString(first + 7))
            .mobile(row.getString(first + 8))
            .dob(row.getString(first + 9))
            .description(row.getString(first + 10))
            .build());
  }
}
