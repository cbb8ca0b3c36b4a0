package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.UserRecords;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's profile, attributes and grants on one connection. On PostgreSQL in one statement: the
 * three tables' rows for the user, one {@code UNION ALL} apart, each part in its own columns (the
 * others NULL), so minting makes one round trip. Each part comes back in the order, and mapped as,
 * the stores read it alone ({@link JdbcUserDirectory}, {@link JdbcGrantStore}). On H2, which runs
 * in the process (no round trip to save) and parses a {@code UNION} again on every execution (its
 * query cache takes only plain selects), the stores' own three cached statements on one connection
 * cost less (docs/performance.md).
 */
final class JdbcUserRecords implements UserRecords {

  private static final int PROFILE = 0;
  private static final int ATTRIBUTE = 1;
  private static final int GRANT = 2;

  private static final String TEXT = "CAST(NULL AS VARCHAR)";
  private static final String NUMBER = "CAST(NULL AS BIGINT)";

  // The columns: 1 part, 2 user_id, 3-12 the profile (name to description), 13-15 an attribute
  // (attribute_name, kind, value_text), 16-20 a grant (organization_id, resource_type,
  // resource_id, access_role, expires_at).
  private static final String NO_PROFILE =
      String.join(
          ", ", TEXT, TEXT, "CAST(NULL AS BOOLEAN)", TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT);
  private static final String NO_ATTRIBUTE = String.join(", ", TEXT, TEXT, TEXT);
  private static final String NO_GRANT = String.join(", ", TEXT, TEXT, TEXT, TEXT, NUMBER);

  private static final String SELECT =
      "SELECT "
          + PROFILE
          + " AS part, user_id, name, email, is_admin, roles, company, dept, title, mobile, dob,"
          + " description, "
          + TEXT
          + " AS attribute_name, "
          + TEXT
          + " AS kind, "
          + TEXT
          + " AS value_text, "
          + TEXT
          + " AS organization_id, "
          + TEXT
          + " AS resource_type, "
          + TEXT
          + " AS resource_id, "
          + TEXT
          + " AS access_role, "
          + NUMBER
          + " AS expires_at FROM users WHERE workspace_id = ? AND user_id = ?"
          + " UNION ALL SELECT "
          + ATTRIBUTE
          + ", user_id, "
          + NO_PROFILE
          + ", name, kind, value_text, "
          + NO_GRANT
          + " FROM user_attributes WHERE workspace_id = ? AND user_id = ?"
          + " UNION ALL SELECT "
          + GRANT
          + ", user_id, "
          + NO_PROFILE
          + ", "
          + NO_ATTRIBUTE
          + ", organization_id, resource_type, resource_id, access_role, expires_at"
          + " FROM grants WHERE workspace_id = ? AND user_id = ?"
          + " ORDER BY part, attribute_name, organization_id, resource_type, resource_id";

  private final JdbcTransactions jdbc;
  private final JdbcUserDirectory users;
  private final JdbcGrantStore grants;
  private final boolean oneStatement;

  /** Records read by {@code UNION ALL} when {@code oneStatement}, else by the stores in turn. */
  JdbcUserRecords(
      JdbcTransactions jdbc, JdbcUserDirectory users, JdbcGrantStore grants, boolean oneStatement) {
    this.jdbc = jdbc;
    this.users = users;
    this.grants = grants;
    this.oneStatement = oneStatement;
  }

  @Override
  public UserRecord read(String workspaceId, String userId) {
    if (!oneStatement) {
      return jdbc.readingTogether(
          () ->
              new UserRecord(
                  users.find(workspaceId, userId),
                  users
                      .attributesOf(workspaceId, List.of(userId))
                      .getOrDefault(userId, Attributes.empty()),
                  grants.grantsOf(workspaceId, userId)));
    }
    Optional<User> user = Optional.empty();
    Map<String, Object> attributes = new LinkedHashMap<>();
    List<Grant> stored = new ArrayList<>();
    for (Object part :
        jdbc.list(
            SELECT,
            row ->
                // By position, in the order of SELECT's columns (see there).
                switch (row.getInt(1)) {
                  case PROFILE -> JdbcUserDirectory.user(row, 2);
                  case ATTRIBUTE ->
                      Map.entry(
                          row.getString(13),
                          JdbcUserDirectory.value(row.getString(14), row.getString(15)));
                  default ->
                      JdbcGrantStore.grant(
                          row,
                          Resource.of(
                              row.getString(17), row.getString(18), Optional.of(row.getString(16))),
                          19);
                },
            workspaceId,
            userId,
            workspaceId,
            userId,
            workspaceId,
            userId)) {
      if (part instanceof User found) {
        user = Optional.of(found);
      } else if (part instanceof Map.Entry<?, ?> attribute) {
        attributes.put((String) attribute.getKey(), attribute.getValue());
      } else {
        stored.add((Grant) part);
      }
    }
    return new UserRecord(
        user,
        attributes.isEmpty() ? Attributes.empty() : Attributes.of(attributes),
        GrantSet.of(stored));
  }
}
