package dev.tokenmint.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.domain.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database is the service's alone: nothing but a holder of the password stored 0600 in
 * the 0700 data directory can open it, through the file or through the loopback port H2 serves the
 * command line on.
 */
class EmbeddedDatabaseAccessIT {

  private static final Workspace DEFAULT =
      new Workspace(
          "ws-a",
          "tmk_workspace_a",
          "alpha",
          true,
          Workspace.issuerUnder("http://localhost:8080", "tmk_workspace_a", true));

  @TempDir Path parent;

  @Test
  void the_data_directory_is_0700_and_every_file_in_it_0600() throws IOException {
    Path directory = parent.resolve("data");
    try (JdbcDatabase database = JdbcDatabase.hostEmbedded(directory.toString())) {
      database.workspaces().create(DEFAULT);

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
          .isEqualTo("rwx------");
      List<Path> files;
      try (Stream<Path> listing = Files.list(directory)) {
        files = listing.toList();
      }
      assertThat(files)
          .extracting(file -> file.getFileName().toString())
          .contains(
              "tokenmint.mv.db", EmbeddedDirectory.PASSWORD_FILE, EmbeddedDirectory.ADDRESS_FILE);
      for (Path file : files) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as("mode of %s", file.getFileName())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void an_existing_world_readable_directory_is_narrowed_to_its_owner() throws IOException {
    Path directory =
        Files.createDirectory(
            parent.resolve("old"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void without_the_stored_password_the_file_cannot_be_opened() {
    Path directory = parent.resolve("data");
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      String url = JdbcDatabase.embeddedUrl(directory.toString());

      for (String guess : List.of("", "sa", "password")) {
        assertThatThrownBy(
                () -> DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, guess))
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("28000");
      }
    }
  }

  @Test
  void the_command_line_port_listens_on_loopback_only_and_demands_the_password() throws Exception {
    Path directory = parent.resolve("data");
    try (JdbcDatabase host = JdbcDatabase.hostEmbedded(directory.toString())) {
      host.workspaces().create(DEFAULT);
      Properties address = new Properties();
      try (InputStream in =
          Files.newInputStream(directory.resolve(EmbeddedDirectory.ADDRESS_FILE))) {
        address.load(in);
      }
      int port = Integer.parseInt(address.getProperty("port"));
      String key = address.getProperty("key");
      // Even someone who read the address file (its port and key) is refused without the password.
      String tcp = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + key;
      assertThatThrownBy(() -> DriverManager.getConnection(tcp, JdbcDatabase.EMBEDDED_USER, ""))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("28000");
      // A command finds the host's port and password by itself.
      try (JdbcDatabase command = JdbcDatabase.embedded(directory.toString())) {
        assertThat(command.workspaces().findDefault()).contains(DEFAULT);
      }
      for (InetAddress other : nonLoopbackAddresses()) {
        assertThatThrownBy(
                () -> {
                  try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other, port), 2_000);
                  }
                })
            .as("port %d on %s", port, other)
            .isInstanceOf(IOException.class);
      }
    }
    assertThat(directory.resolve(EmbeddedDirectory.ADDRESS_FILE))
        .as("withdrawn when the host closes")
        .doesNotExist();
  }

  @Test
  void a_command_opens_the_file_when_the_announcing_server_is_gone() throws IOException {
    Path directory = parent.resolve("data");
    try (JdbcDatabase first = JdbcDatabase.embedded(directory.toString())) {
      first.workspaces().create(DEFAULT);
    }
    // A server killed without withdrawing its announcement, whose pid is now another live process
    // (this very one, as in a new container, or any other) and whose port nobody serves.
    for (long pid :
        List.of(
            ProcessHandle.current().pid(), ProcessHandle.current().parent().orElseThrow().pid())) {
      Files.writeString(
          directory.resolve(EmbeddedDirectory.ADDRESS_FILE),
          "port=" + closedPort() + "\nkey=" + EmbeddedDirectory.newKey() + "\npid=" + pid + "\n");

      try (JdbcDatabase command = JdbcDatabase.embedded(directory.toString())) {
        assertThat(command.workspaces().findDefault()).contains(DEFAULT);
      }
    }
  }

  private static int closedPort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void a_database_made_before_passwords_gets_one_and_keeps_its_data() throws SQLException {
    Path directory = parent.resolve("data");
    String url = OlderDatabase.at(directory, Optional.empty());
    try (Connection legacy = DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, "");
        Statement statement = legacy.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO workspaces (id, api_key, name, default_marker)"
              + " VALUES ('ws-a', 'tmk_workspace_a', 'alpha', TRUE)");
    }
    assertThat(JdbcDatabase.embeddedPassword(directory.toString())).isEmpty();

    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      String password = JdbcDatabase.embeddedPassword(directory.toString()).orElseThrow();
      assertThat(password).hasSizeGreaterThanOrEqualTo(43);
      assertThatThrownBy(() -> DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, ""))
          .isInstanceOf(SQLException.class);
      database.workspaces().assignMissingIssuers("http://localhost:8080");
      assertThat(database.workspaces().findDefault()).contains(DEFAULT);
    }
  }

  @Test
  void a_password_stored_before_a_crash_that_the_database_never_took_is_given_to_it()
      throws Exception {
    Path directory = parent.resolve("data");
    String url = JdbcDatabase.embeddedUrl(directory.toString());
    try (Connection legacy = DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, "")) {
      assertThat(legacy.isValid(1)).isTrue();
    }
    String stored = EmbeddedDirectory.secure(directory).generatePassword();

    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      assertThat(JdbcDatabase.embeddedPassword(directory.toString())).contains(stored);
      assertThatThrownBy(() -> DriverManager.getConnection(url, JdbcDatabase.EMBEDDED_USER, ""))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void a_wrong_stored_password_stops_the_open_with_a_message_that_says_what_to_do()
      throws IOException {
    Path directory = parent.resolve("data");
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      database.workspaces().create(DEFAULT);
    }
    Files.writeString(directory.resolve(EmbeddedDirectory.PASSWORD_FILE), "not-the-password\n");

    assertThatThrownBy(() -> JdbcDatabase.embedded(directory.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(EmbeddedDirectory.PASSWORD_FILE)
        .hasMessageNotContaining("not-the-password");
    assertThat(JdbcDatabase.embeddedPassword(directory.toString()))
        .isEqualTo(Optional.of("not-the-password"));
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
        .toList();
  }
}
