package dev.tokenmint.adapter.jdbc;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.Driver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of the tests: the one {@code TOKENMINT_TEST_DB_URL} names (with {@code
 * TOKENMINT_TEST_DB_USER} and {@code TOKENMINT_TEST_DB_PASSWORD}), else a {@code postgres:15}
 * container when Docker is available. Without either, a test asking for it is skipped, or fails
 * when {@code TOKENMINT_TEST_DB_REQUIRED=true}.
 */
public final class TestPostgres {

  /** The image of the container started when no server is named. */
  public static final String IMAGE = "postgres:15";

  /** Says on the console, once per test JVM, why the PostgreSQL tests are skipped. */
  private static final SkipNotice SKIPPED = new SkipNotice(moduleName(), System.err);

  private TestPostgres() {}

  /**
   * A new, empty schema on the test server, for one test; close it to drop it.
   *
   * @throws org.opentest4j.TestAbortedException when there is no server (the test is skipped)
   * @throws org.opentest4j.AssertionFailedError when there is none and one is required
   */
  public static Schema freshSchema() {
    Server server = Resolved.LOOKUP.server().orElseGet(TestPostgres::abortOrFail);
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = server.connect(server.url(Optional.empty()));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a test schema: " + e.getMessage(), e);
    }
    return new Schema(server, name);
  }

  private static Server abortOrFail() {
    String reason = Resolved.LOOKUP.reason();
    if ("true".equalsIgnoreCase(System.getenv("TOKENMINT_TEST_DB_REQUIRED"))) {
      return Assertions.fail(
          "PostgreSQL is required (TOKENMINT_TEST_DB_REQUIRED=true) but unreachable: " + reason);
    }
    SKIPPED.say(reason);
    return Assumptions.abort("PostgreSQL test skipped: " + reason);
  }

  /** The directory name of the module under test: Maven runs each module's tests in it. */
  private static String moduleName() {
    Path directory = Path.of("").toAbsolutePath().getFileName();
    return directory == null ? "this run" : directory.toString();
  }

  /**
   * One console line for all the PostgreSQL tests skipped in a module. A skip reason otherwise
   * lives only in the test reports: the console shows a count of skipped tests and no why, and a
   * missing database looks like tests that do not exist. Printed directly, not logged: every
   * module's test logging keeps third-party loggers at WARN.
   */
  static final class SkipNotice {
    private final String module;
    private final PrintStream out;
    private final AtomicBoolean said = new AtomicBoolean();

    SkipNotice(String module, PrintStream out) {
      this.module = module;
      this.out = out;
    }

    /** Prints the line the first time; later calls print nothing. */
    void say(String reason) {
      if (said.compareAndSet(false, true)) {
        out.println(
            "PostgreSQL tests skipped in "
                + module
                + ": "
                + reason
                + " (TOKENMINT_TEST_DB_REQUIRED=true makes this a failure)");
        out.flush();
      }
    }
  }

  /** A schema of its own on the test server; {@link #close()} drops it with its content. */
  public static final class Schema implements AutoCloseable {
    private final Server server;
    private final String name;

    private Schema(Server server, String name) {
      this.server = server;
      this.name = name;
    }

    /** The schema's name. */
    public String name() {
      return name;
    }

    /** The server's host, for a proxy in front of it. */
    public String host() {
      return server.host();
    }

    /** The server's port, for a proxy in front of it. */
    public int port() {
      return server.port();
    }

    /** The JDBC URL whose connections work in this schema. */
    public String jdbcUrl() {
      return server.url(Optional.of(name));
    }

    /** The JDBC URL of this schema through another host and port, such as a proxy's. */
    public String jdbcUrlVia(String host, int port) {
      return new Server(
              host, port, server.database(), server.parameters(), server.user(), server.password())
          .url(Optional.of(name));
    }

    /** The user to connect as, if the server names one. */
    public Optional<String> user() {
      return server.user();
    }

    /** The password to connect with, if any. */
    public Optional<String> password() {
      return server.password();
    }

    /** Opens a {@link JdbcDatabase} on this schema. */
    public JdbcDatabase open() {
      return JdbcDatabase.open(jdbcUrl(), user(), password());
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() {
      try (Connection connection = server.connect(server.url(Optional.empty()));
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException(
            "could not drop test schema " + name + ": " + e.getMessage(), e);
      }
    }
  }

  /** Where the server is; {@code parameters} is the URL's query string minus the schema, or "". */
  private record Server(
      String host,
      int port,
      String database,
      String parameters,
      Optional<String> user,
      Optional<String> password) {

    String url(Optional<String> schema) {
      String query =
          schema.map(s -> "currentSchema=" + s).orElse("")
              + (schema.isPresent() && !parameters.isEmpty() ? "&" : "")
              + parameters;
      return "jdbc:postgresql://"
          + host
          + ":"
          + port
          + "/"
          + database
          + (query.isEmpty() ? "" : "?" + query);
    }

    Connection connect(String url) throws SQLException {
      Properties properties = new Properties();
      user.ifPresent(u -> properties.setProperty("user", u));
      password.ifPresent(p -> properties.setProperty("password", p));
      properties.setProperty("connectTimeout", "5");
      return DriverManager.getConnection(url, properties);
    }
  }

  /** The server, or why there is none. */
  private record Lookup(Optional<Server> server, String reason) {
    static Lookup found(Server server) {
      return new Lookup(Optional.of(server), "");
    }

    static Lookup missing(String reason) {
      return new Lookup(Optional.empty(), reason);
    }
  }

  /** The server, looked for once per test run: a container starts at most once. */
  private static final class Resolved {
    static final Lookup LOOKUP = find();

    private static Lookup find() {
      Optional<String> url = env("TOKENMINT_TEST_DB_URL");
      if (url.isPresent()) {
        return named(url.get());
      }
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return Lookup.missing("TOKENMINT_TEST_DB_URL is not set and Docker is not available");
      }
      try {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start(); // stopped with the JVM by Testcontainers
        return Lookup.found(
            new Server(
                container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getDatabaseName(),
                "",
                Optional.of(container.getUsername()),
                Optional.of(container.getPassword())));
      } catch (RuntimeException e) {
        return Lookup.missing(
            "Docker is available but " + IMAGE + " did not start: " + e.getMessage());
      }
    }

    private static Lookup named(String url) {
      Properties parsed = Driver.parseURL(url, new Properties());
      if (parsed == null) {
        return Lookup.missing("TOKENMINT_TEST_DB_URL is not a jdbc:postgresql: URL");
      }
      StringBuilder parameters = new StringBuilder();
      for (String key : parsed.stringPropertyNames()) {
        if (!key.startsWith("PG") && !key.equalsIgnoreCase("currentSchema")) {
          parameters
              .append(parameters.length() == 0 ? "" : "&")
              .append(key)
              .append('=')
              .append(URLEncoder.encode(parsed.getProperty(key), StandardCharsets.UTF_8));
        }
      }
      Server server =
          new Server(
              parsed.getProperty("PGHOST"),
              Integer.parseInt(parsed.getProperty("PGPORT")),
              parsed.getProperty("PGDBNAME"),
              parameters.toString(),
              env("TOKENMINT_TEST_DB_USER"),
              env("TOKENMINT_TEST_DB_PASSWORD"));
      try (Connection connection = server.connect(server.url(Optional.empty()))) {
        return connection.isValid(5)
            ? Lookup.found(server)
            : Lookup.missing("the server TOKENMINT_TEST_DB_URL names does not answer");
      } catch (SQLException e) {
        return Lookup.missing(
            "the server TOKENMINT_TEST_DB_URL names does not answer (" + e.getMessage() + ")");
      }
    }

    private static Optional<String> env(String name) {
      return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
  }
}
