package dev.tokenmint.adapter.jdbc;

import static dev.tokenmint.adapter.jdbc.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, migrating, closing and outages: what the store contract does not cover. */
class JdbcDatabaseIT {

  private static final Workspace DEFAULT =
      new Workspace(
          "ws-a",
          "tmk_workspace_a",
          "alpha",
          true,
          Workspace.issuerUnder("http://localhost:8080", "tmk_workspace_a", true));
  private static final User ANN =
      new User("ann", UserProfile.builder().name("Ann").roles(List.of("r1", "r2")).build());
  // Connection timeout 3 s, and a margin for a slow machine: "fails fast", not "hangs".
  private static final Duration FAST = Duration.ofSeconds(10);

  @TempDir Path directory;

  @Test
  void the_embedded_database_migrates_once_and_keeps_its_data_across_restarts()
      throws SQLException {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      database.workspaces().create(DEFAULT);
      database.users().save(DEFAULT.id(), ANN);
    }

    try (JdbcDatabase reopened = JdbcDatabase.embedded(directory.toString())) {
      assertThat(reopened.workspaces().findDefault()).contains(DEFAULT);
      assertThat(reopened.users().find(DEFAULT.id(), "ann")).contains(ANN);
    }

    try (Connection connection =
            DriverManager.getConnection(
                JdbcDatabase.embeddedUrl(directory.toString()),
                JdbcDatabase.EMBEDDED_USER,
                JdbcDatabase.embeddedPassword(directory.toString()).orElseThrow());
        Statement statement = connection.createStatement();
        ResultSet migrations =
            statement.executeQuery(
                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"
                    + " ORDER BY installed_rank")) {
      for (String version : List.of("1", "2", "3", "4", "5", "6", "7")) {
        assertThat(migrations.next()).isTrue();
        assertThat(migrations.getString("version")).isEqualTo(version);
        assertThat(migrations.getBoolean("success")).isTrue();
      }
      assertThat(migrations.next()).as("each migration, applied once").isFalse();
    }
  }

  @Test
  void a_database_of_the_first_schema_upgrades_its_workspaces_get_their_issuers_and_no_list_yet()
      throws SQLException {
    String url = OlderDatabase.at(directory, Optional.of("1"));
    try (Connection connection = DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, "");
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO workspaces (id, api_key, name, default_marker)"
              + " VALUES ('ws-a', 'tmk_workspace_a', 'alpha', TRUE)");
      statement.executeUpdate(
          "INSERT INTO workspaces (id, api_key, name) VALUES ('ws-b', 'tmk_workspace_b', 'beta')");
    }

    try (JdbcDatabase upgraded = JdbcDatabase.embedded(directory.toString())) {
      // Until a server gives them their issuer, reading them says what to do (a command must not
      // guess an issuer from its own configuration).
      assertThatThrownBy(() -> upgraded.workspaces().findDefault())
          .isInstanceOf(dev.tokenmint.domain.failure.FailedPreconditionException.class)
          .hasMessageContaining("start the server once");
      upgraded.workspaces().assignMissingIssuers("http://localhost:8080/");
      assertThat(upgraded.workspaces().findDefault()).contains(DEFAULT);
      assertThat(upgraded.workspaces().findByApiKey("tmk_workspace_b").orElseThrow().issuer())
          .isEqualTo("http://localhost:8080/workspaces/tmk_workspace_b");
      upgraded.workspaces().assignMissingIssuers("https://elsewhere.example");
      assertThat(upgraded.workspaces().findDefault()).contains(DEFAULT);
      assertThat(upgraded.settings().allowedAlgorithms(DEFAULT.id())).isEmpty();
      upgraded.settings().setAllowedAlgorithms(DEFAULT.id(), Set.of(SigningAlgorithm.EDDSA));
      assertThat(upgraded.settings().allowedAlgorithms(DEFAULT.id()))
          .contains(Set.of(SigningAlgorithm.EDDSA));
    }
  }

  @Test
  void an_upgrade_to_prefix_grants_drops_the_grants_whose_ids_hold_a_star_and_keeps_the_rest()
      throws SQLException {
    String url = OlderDatabase.at(directory, Optional.of("6"));
    try (Connection connection = DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, "");
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO workspaces (id, api_key, name, default_marker, issuer)"
              + " VALUES ('ws-a', 'tmk_workspace_a', 'alpha', TRUE, 'http://localhost:8080')");
      String insert =
          "INSERT INTO grants (workspace_id, user_id, resource_type, organization_id, resource_id,"
              + " access_role) VALUES ('ws-a', 'ann', ";
      // Exact grants, once: on a document named 'report_*' (read today it would cover every
      // report), on 'a*b' (which no longer reads), and inside an organization 'o*'.
      statement.executeUpdate(insert + "'document', 'org_1', 'report_*', 'editor')");
      statement.executeUpdate(insert + "'folder', 'org_1', 'a*b', 'editor')");
      statement.executeUpdate(insert + "'organization', 'o*', 'o*', 'editor')");
      statement.executeUpdate(insert + "'document', 'o*', 'doc_1', 'editor')");
      statement.executeUpdate(insert + "'document', 'org_1', 'report_1', 'viewer')");
    }

    try (JdbcDatabase upgraded = JdbcDatabase.embedded(directory.toString())) {
      assertThat(upgraded.grants().grantsOf("ws-a", "ann").asList())
          .containsExactly(Grant.of(new Document("report_1", "org_1"), AccessRole.VIEWER));
    }
  }

  @Test
  void a_database_of_the_second_schema_upgrades_keeping_its_ids_and_takes_ids_of_256_code_points()
      throws SQLException {
    String url = OlderDatabase.at(directory, Optional.of("2"));
    try (Connection connection = DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, "");
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO workspaces (id, api_key, name, default_marker)"
              + " VALUES ('ws-a', 'tmk_workspace_a', 'alpha', TRUE)");
      statement.executeUpdate(
          "INSERT INTO grants (workspace_id, user_id, resource_type, organization_id, resource_id,"
              + " access_role) VALUES ('ws-a', 'ann', 'organization', 'org_1', 'org_1', 'viewer')");
    }
    String longest = "\uD83D\uDE00".repeat(256);

    try (JdbcDatabase upgraded = JdbcDatabase.embedded(directory.toString())) {
      upgraded
          .grants()
          .put(DEFAULT.id(), longest, Grant.of(new Organization(longest), AccessRole.EDITOR));

      assertThat(upgraded.grants().grantsOf(DEFAULT.id(), "ann").asList())
          .containsExactly(Grant.of(new Organization("org_1"), AccessRole.VIEWER));
      assertThat(upgraded.grants().grantsOf(DEFAULT.id(), longest).asList())
          .containsExactly(Grant.of(new Organization(longest), AccessRole.EDITOR));
    }
  }

  @Test
  void the_embedded_url_is_an_absolute_h2_file_in_postgresql_mode() {
    String url = JdbcDatabase.embeddedUrl("data");

    assertThat(url)
        .startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("tokenmint"))
        .contains(";MODE=PostgreSQL;");
  }

  @Test
  void the_embedded_database_is_not_compacted_while_open() {
    // With H2's background compaction, kill -9 lost commits already written to the file (about
    // one round in 20 of bench/faults.sh crash-h2); a crash that rare needs the script to show.
    assertThat(JdbcDatabase.embeddedUrl("data")).contains(";AUTO_COMPACT_FILL_RATE=0");
  }

  @Test
  void a_url_of_another_database_is_refused_without_showing_it() {
    assertThatThrownBy(
            () -> JdbcDatabase.open("jdbc:h2:mem:secret-name", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret-name");
    assertThatThrownBy(
            () -> JdbcDatabase.open("jdbc:mysql://db/x", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_unreachable_database_is_unavailable_at_once_and_says_nothing_of_where()
      throws IOException {
    int closedPort = closedPort();
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/tokenmint";

    assertTimeout(
        FAST,
        () ->
            assertThatThrownBy(() -> JdbcDatabase.open(url, Optional.of("u"), Optional.of("pw")))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("the database is unavailable")
                .hasMessageNotContaining("127.0.0.1")
                .hasMessageNotContaining(String.valueOf(closedPort)));
  }

  @Test
  void during_an_outage_calls_are_unavailable_and_the_same_instance_serves_again_after_it() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    try (schema;
        TcpProxy proxy = TcpProxy.start(schema.host(), schema.port());
        JdbcDatabase database =
            JdbcDatabase.open(
                schema.jdbcUrlVia("127.0.0.1", proxy.port()), schema.user(), schema.password())) {
      database.workspaces().create(DEFAULT);

      proxy.cut();
      // The first call meets a pooled connection the outage broke; the next finds no connection.
      for (int call = 0; call < 2; call++) {
        assertTimeout(
            FAST,
            () ->
                assertThatThrownBy(() -> database.workspaces().findDefault())
                    .isInstanceOf(UnavailableException.class)
                    .hasMessage("the database is unavailable"));
      }
      assertThatThrownBy(
              () -> database.transactions().run(() -> database.users().save(DEFAULT.id(), ANN)))
          .isInstanceOf(UnavailableException.class);

      proxy.restore();

      assertThat(eventually(() -> database.workspaces().findDefault())).contains(DEFAULT);
      database.users().save(DEFAULT.id(), ANN);
      assertThat(database.users().find(DEFAULT.id(), "ann")).contains(ANN);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void the_newest_migration_it_knows_is_the_newest_one_shipped() {
    var migrations =
        org.flywaydb.core.Flyway.configure()
            .dataSource("jdbc:h2:mem:newest;MODE=PostgreSQL", JdbcDatabase.EMBEDDED_USER, "")
            .locations("classpath:db/migration")
            .placeholders(java.util.Map.of("binary_order", ""))
            .load()
            .info()
            .all();
    assertThat(migrations[migrations.length - 1].getVersion().getVersion())
        .isEqualTo(JdbcDatabase.NEWEST_MIGRATION);
  }

  @Test
  void an_up_to_date_schema_opens_without_flyway_and_any_other_goes_through_it()
      throws SQLException {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      database.workspaces().create(DEFAULT);
    }
    // A changed checksum is what only Flyway's validation notices: ignored while the history ends
    // at the newest migration...
    history("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    try (JdbcDatabase reopened = JdbcDatabase.embedded(directory.toString())) {
      assertThat(reopened.workspaces().findDefault()).contains(DEFAULT);
    }
    // ...and refused once it does not (an older schema, a failed migration): Flyway ran.
    history(
        "UPDATE flyway_schema_history SET success = FALSE WHERE version = '"
            + JdbcDatabase.NEWEST_MIGRATION
            + "'");
    assertThatThrownBy(() -> JdbcDatabase.embedded(directory.toString()).close())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_history_missing_a_migration_goes_through_flyway() throws SQLException {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      database.workspaces().create(DEFAULT);
    }
    // The newest is there, an older one is not: Flyway, not the shortcut, decides (and refuses).
    history("DELETE FROM flyway_schema_history WHERE version = '2'");
    assertThat(JdbcDatabase.upToDate(pool())).isFalse();
    assertThatThrownBy(() -> JdbcDatabase.embedded(directory.toString()).close())
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void the_shortcut_reads_the_history_of_the_schema_flyway_would_migrate() throws SQLException {
    TestPostgres.Schema installed = TestPostgres.freshSchema();
    TestPostgres.Schema empty = TestPostgres.freshSchema();
    try (installed;
        empty) {
      try (JdbcDatabase database = installed.open()) {
        database.workspaces().create(DEFAULT);
      }
      // The installed schema is on the search path behind an empty one: Flyway migrates the empty
      // one (the connection's schema), so the shortcut must not take the other's history for it.
      String url =
          empty
              .jdbcUrl()
              .replace(
                  "currentSchema=" + empty.name(),
                  "currentSchema=" + empty.name() + "," + installed.name());
      try (JdbcDatabase database = JdbcDatabase.open(url, empty.user(), empty.password())) {
        assertThat(database.workspaces().findDefault()).isEmpty();
      }
      try (JdbcDatabase database = empty.open()) {
        assertThat(database.workspaces().findDefault()).isEmpty();
      }
    }
  }

  private org.h2.jdbcx.JdbcDataSource pool() {
    var source = new org.h2.jdbcx.JdbcDataSource();
    source.setURL(JdbcDatabase.embeddedUrl(directory.toString()));
    source.setUser(JdbcDatabase.EMBEDDED_USER);
    source.setPassword(JdbcDatabase.embeddedPassword(directory.toString()).orElseThrow());
    return source;
  }

  private void history(String update) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                JdbcDatabase.embeddedUrl(directory.toString()),
                JdbcDatabase.EMBEDDED_USER,
                JdbcDatabase.embeddedPassword(directory.toString()).orElseThrow());
        Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate(update)).isEqualTo(1);
    }
  }
}
