package dev.tokenmint.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.RevocationList;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.application.port.out.UserRecords;
import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.UnavailableException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.tools.Server;

/**
 * tokenmint's stores in PostgreSQL or in an embedded H2 file: a small connection pool, the schema
 * migrated when opened, and one implementation of every store port. Close it to release the pool.
 */
public final class JdbcDatabase implements AutoCloseable {

  /** The user of the embedded database; H2 makes the first user of a new file its owner. */
  public static final String EMBEDDED_USER = "sa";

  /** The address of the port a server serves its embedded database to commands on: loopback. */
  static final String H2_BIND_ADDRESS = "127.0.0.1";

  static {
    // H2 reads this once, when its SysProperties class loads; the TCP server a host opens for the
    // command line otherwise listens on every interface. requireLoopbackServer() refuses to go on
    // if it was read before.
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", H2_BIND_ADDRESS);
    }
  }

  // SQLState of a refused user name or password.
  private static final String WRONG_USER_OR_PASSWORD = "28000";

  /**
   * The newest migration under {@code db/migration}: a schema whose history ends there, without a
   * failure, is opened without Flyway. JdbcDatabaseIT keeps it in step with the files.
   */
  static final String NEWEST_MIGRATION = "7";

  private static final int MAX_CONNECTIONS = 10;
  private static final int MIN_IDLE_CONNECTIONS = 2;
  // An outage fails a request within this time rather than holding it until the database is back.
  private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
  private static final long VALIDATION_TIMEOUT_MILLIS = 1_000;
  // On PostgreSQL, a statement whose connection silently died fails after this, not hours later.
  private static final String SOCKET_TIMEOUT_SECONDS = "30";

  private final HikariDataSource pool;
  private final JdbcTransactions transactions;
  private final WorkspaceStore workspaces;
  private final WorkspaceSettings settings;
  private final CredentialStore credentials;
  private final KeyRing keyRing;
  private final UserDirectory users;
  private final GrantStore grants;
  private final UserRecords userRecords;
  private final JdbcAuditLog audit;
  private final RevocationList revocations;
  // What closing does first besides the stores: the host's port for commands. Set once, by
  // hostEmbedded, before the database is handed out.
  private Runnable beforeClose = () -> {};

  private JdbcDatabase(HikariDataSource pool, boolean h2) {
    this.pool = pool;
    // PostgreSQL has made a commit durable when it answers; H2 has not (JdbcTransactions).
    this.transactions = new JdbcTransactions(pool, h2);
    this.workspaces = new JdbcWorkspaceStore(transactions);
    this.settings = new JdbcWorkspaceSettings(transactions);
    this.credentials = new JdbcCredentialStore(transactions);
    this.keyRing = new JdbcKeyRing(transactions);
    JdbcUserDirectory userDirectory = new JdbcUserDirectory(transactions);
    JdbcGrantStore grantStore = new JdbcGrantStore(transactions);
    this.users = userDirectory;
    this.grants = grantStore;
    // One UNION ALL statement where a round trip costs (PostgreSQL), the cached plain selects
    // where it does not (H2 in the process, which parses a UNION again each time).
    this.userRecords = new JdbcUserRecords(transactions, userDirectory, grantStore, !h2);
    this.audit = new JdbcAuditLog(transactions);
    this.revocations = new JdbcRevocationList(transactions);
  }

  /**
   * The embedded H2 database in {@code dataDirectory}, for a command or a tool: through the
   * loopback port of the server running on it when one announced itself, else the file itself
   * (created when absent). Opened as {@link #EMBEDDED_USER} with the password generated into the
   * directory; the directory is narrowed to its owner (0700, every file 0600), and an older
   * database without a password gets one.
   *
   * @throws dev.tokenmint.domain.failure.UnavailableException when the database cannot be opened,
   *     for instance because another process holds the file
   * @throws IllegalStateException when the database refuses the stored password
   * @throws java.io.UncheckedIOException when the directory cannot be prepared
   */
  public static JdbcDatabase embedded(String dataDirectory) {
    EmbeddedDirectory directory = EmbeddedDirectory.secure(Path.of(dataDirectory));
    Optional<EmbeddedDirectory.Address> server = directory.servingServer();
    if (server.isPresent()) {
      Optional<String> password = directory.storedPassword();
      if (password.isEmpty()) {
        throw new IllegalStateException(
            "a server serves the database in "
                + dataDirectory
                + " but "
                + EmbeddedDirectory.PASSWORD_FILE
                + " is missing beside it; restore it from the same backup as the database");
      }
      EmbeddedDirectory.Address address = server.get();
      try {
        // The server's schema is the server's: a command of another version never migrates it.
        return open(
            "jdbc:h2:tcp://"
                + H2_BIND_ADDRESS
                + ":"
                + address.port()
                + "/"
                + address.key()
                + OPTIONS,
            Optional.of(EMBEDDED_USER),
            password,
            false);
      } catch (UnavailableException e) {
        // The announcing process is gone (killed) and its pid reused: the file is free, or its
        // lock says who holds it.
      }
    }
    return openFile(dataDirectory, directory);
  }

  /**
   * The embedded H2 database in {@code dataDirectory}, opened by the server that holds it: the file
   * itself, served to commands on a loopback port announced in the directory until closed. Only one
   * process may do this per directory (the caller makes sure).
   *
   * @throws dev.tokenmint.domain.failure.UnavailableException when the file cannot be opened
   * @throws IllegalStateException when the database refuses the stored password
   * @throws java.io.UncheckedIOException when the directory cannot be prepared
   */
  public static JdbcDatabase hostEmbedded(String dataDirectory) {
    EmbeddedDirectory directory = EmbeddedDirectory.secure(Path.of(dataDirectory));
    directory.withdraw(); // a killed server's announcement
    JdbcDatabase database = openFile(dataDirectory, directory);
    Server server = null;
    try {
      String key = EmbeddedDirectory.newKey();
      server =
          Server.createTcpServer(
                  "-tcpPort", "0", "-tcpDaemon", "-key", key, "file:" + fileName(dataDirectory))
              .start();
      directory.announce(server.getPort(), key);
      directory.narrowFiles();
      Server serving = server;
      return database.closing(
          () -> {
            try {
              directory.withdraw();
            } finally {
              serving.stop();
            }
          });
    } catch (SQLException | RuntimeException e) {
      if (server != null) {
        server.stop();
      }
      database.close();
      throw JdbcTransactions.translate(e, null);
    }
  }

  private static JdbcDatabase openFile(String dataDirectory, EmbeddedDirectory directory) {
    requireLoopbackServer();
    String url = embeddedUrl(dataDirectory);
    String password;
    Optional<String> stored = directory.storedPassword();
    if (stored.isPresent()) {
      password = stored.get();
    } else {
      boolean existing = directory.hasDatabase();
      password = directory.generatePassword();
      if (existing) {
        setPassword(url, "", password); // a database made before passwords: give it this one
      }
    }
    JdbcDatabase database;
    try {
      database = open(url, Optional.of(EMBEDDED_USER), Optional.of(password));
    } catch (IllegalStateException e) {
      if (!refusedCredentials(e)) {
        throw e;
      }
      // The password was stored, but the process stopped before the database took it.
      setPassword(url, "", password);
      database = open(url, Optional.of(EMBEDDED_USER), Optional.of(password));
    }
    try {
      directory.narrowFiles();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * The JDBC URL of the embedded H2 database file in {@code dataDirectory}: {@code
   * tokenmint.mv.db}, in the PostgreSQL compatibility mode the shared migrations need.
   *
   * @throws IllegalArgumentException when the path holds a ';', which H2 URLs cannot carry
   */
  public static String embeddedUrl(String dataDirectory) {
    // DB_CLOSE_ON_EXIT=FALSE: tokenmint closes the database itself when it stops, after the
    // requests in flight and the audit queue; H2's own exit hook would close it under them.
    // TRACE_LEVEL_FILE=0: no tokenmint.trace.db beside the database; failures reach our own log as
    // exceptions.
    // AUTO_COMPACT_FILL_RATE=0: no compaction while the server runs. With H2's background
    // compaction (which rewrites and moves chunks), a process killed with kill -9 came back with
    // up to 0.6 s of commits gone that had been written to the file, rotated keys among them
    // (bench/faults.sh crash-h2: a lost round in 20 kills, every time; none in 20 without it).
    // The price: the file grows by 0.27 KB per minted token instead of 0.21 (the audit record),
    // measured at 4 500 requests a second; the space of dropped chunks is still reused, and the
    // file is compacted when the server stops.
    return "jdbc:h2:file:"
        + fileName(dataDirectory)
        + OPTIONS
        + ";TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0";
  }

  private static String fileName(String dataDirectory) {
    String directory = Path.of(dataDirectory).toAbsolutePath().normalize().toString();
    if (directory.contains(";")) {
      throw new IllegalArgumentException("the data directory path must not contain ';'");
    }
    return Path.of(directory, "tokenmint").toString();
  }

  // The compatibility mode the shared migrations need. QUERY_CACHE_SIZE: each session keeps this
  // many parsed statements; H2's default of 8 is fewer than one mint and its authentication use,
  // so every statement was parsed again.
  private static final String OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64";

  /**
   * The password the embedded database in {@code dataDirectory} demands, as stored beside it; for
   * tools and tests that open the file themselves.
   */
  public static Optional<String> embeddedPassword(String dataDirectory) {
    return EmbeddedDirectory.secure(Path.of(dataDirectory)).storedPassword();
  }

  private static void requireLoopbackServer() {
    String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
    boolean loopback;
    try {
      loopback = bound != null && InetAddress.getByName(bound).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new IllegalStateException(
          "the embedded database's server for the command line would listen on "
              + (bound == null ? "every interface" : bound)
              + "; only a loopback h2.bindAddress is allowed");
    }
  }

  private static void setPassword(String url, String current, String password) {
    try (Connection connection = DriverManager.getConnection(url, EMBEDDED_USER, current);
        Statement statement = connection.createStatement()) {
      // The password is base64url, so it cannot end the literal.
      statement.execute("ALTER USER " + EMBEDDED_USER + " SET PASSWORD '" + password + "'");
    } catch (SQLException e) {
      if (WRONG_USER_OR_PASSWORD.equals(e.getSQLState())) {
        throw new IllegalStateException(
            "the embedded database refuses the password in "
                + EmbeddedDirectory.PASSWORD_FILE
                + " beside it; restore that file from the same backup as the database");
      }
      throw JdbcTransactions.translate(e, null);
    }
  }

  private static boolean refusedCredentials(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException
          && WRONG_USER_OR_PASSWORD.equals(((SQLException) t).getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Opens the database at {@code jdbcUrl} — a {@code jdbc:postgresql:} URL, or an H2 URL with
   * {@code MODE=PostgreSQL} — and migrates its schema to the latest version.
   *
   * @throws IllegalArgumentException when the URL names neither
   * @throws dev.tokenmint.domain.failure.UnavailableException when the database cannot be reached
   * @throws IllegalStateException when it refuses the credentials or the migration
   */
  public static JdbcDatabase open(
      String jdbcUrl, Optional<String> user, Optional<String> password) {
    return open(jdbcUrl, user, password, true);
  }

  /**
   * Opens the database at {@code jdbcUrl}; migrates its schema when {@code migrate}, else checks
   * that it is this version's.
   */
  private static JdbcDatabase open(
      String jdbcUrl, Optional<String> user, Optional<String> password, boolean migrate) {
    boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    boolean h2 =
        jdbcUrl.startsWith("jdbc:h2:")
            && jdbcUrl.toUpperCase(Locale.ROOT).contains(";MODE=POSTGRESQL");
    if (!postgres && !h2) {
      // The URL itself stays out of the message: it may carry a password.
      throw new IllegalArgumentException(
          "the database URL must start with jdbc:postgresql:, or be a jdbc:h2: URL with"
              + " MODE=PostgreSQL");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("tokenmint");
    config.setJdbcUrl(jdbcUrl);
    user.ifPresent(config::setUsername);
    password.ifPresent(config::setPassword);
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(MIN_IDLE_CONNECTIONS);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
    if (postgres) {
      config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw JdbcTransactions.translate(e, null);
    }
    try {
      if (upToDate(pool)) {
        return new JdbcDatabase(pool, h2);
      }
      Flyway flyway =
          Flyway.configure()
              .dataSource(pool)
              .locations("classpath:db/migration")
              .failOnMissingLocations(true)
              .placeholders(Map.of("binary_order", postgres ? "COLLATE \"C\"" : ""))
              .load();
      if (migrate) {
        flyway.migrate();
      } else if (!flyway.validateWithResult().validationSuccessful) {
        throw new IllegalStateException(
            "the running server's database schema is not this tokenmint version's; run the"
                + " command with the server's version, or restart the server with this one");
      }
      return new JdbcDatabase(pool, h2);
    } catch (RuntimeException e) {
      pool.close();
      throw JdbcTransactions.translate(e, null);
    }
  }

  /**
   * Whether the schema is this version's already: Flyway's history in the connection's own schema
   * (the one Flyway would migrate) holds exactly the migrations 1 to {@link #NEWEST_MIGRATION},
   * each applied successfully. A restart then skips Flyway (finding the migrations in the jar,
   * locking and validating the history: a fifth of a restart); anything else (a new database or
   * schema, an older or newer schema, a missing or failed migration, a baseline) goes through
   * Flyway's migrate or validate as before. What it does not re-check is that the applied
   * migrations are byte for byte the shipped ones: a released jar's migrations never change.
   */
  static boolean upToDate(DataSource pool) {
    try (Connection connection = pool.getConnection()) {
      String schema = connection.getSchema();
      if (schema == null) {
        return false; // no schema to work in yet: Flyway says what is wrong
      }
      Set<MigrationVersion> applied = new HashSet<>();
      try (Statement statement = connection.createStatement();
          ResultSet history =
              statement.executeQuery(
                  "SELECT version, success, type FROM \""
                      + schema.replace("\"", "\"\"")
                      + "\".flyway_schema_history WHERE version IS NOT NULL")) {
        while (history.next()) {
          if (!history.getBoolean(2) || !"SQL".equals(history.getString(3))) {
            return false;
          }
          if (!applied.add(MigrationVersion.fromVersion(history.getString(1)))) {
            return false;
          }
        }
      }
      return applied.equals(SHIPPED_MIGRATIONS);
    } catch (SQLException e) {
      return false; // no history yet: a new database, which Flyway creates
    }
  }

  /** The versions of the migrations in the jar: 1 to {@link #NEWEST_MIGRATION}. */
  private static final Set<MigrationVersion> SHIPPED_MIGRATIONS =
      IntStream.rangeClosed(1, Integer.parseInt(NEWEST_MIGRATION))
          .mapToObj(version -> MigrationVersion.fromVersion(Integer.toString(version)))
          .collect(Collectors.toUnmodifiableSet());

  /** The workspaces. */
  public WorkspaceStore workspaces() {
    return workspaces;
  }

  /** The settings of every workspace. */
  public WorkspaceSettings settings() {
    return settings;
  }

  /** The credentials of every workspace. */
  public CredentialStore credentials() {
    return credentials;
  }

  /** The signing keys of every workspace. */
  public KeyRing keyRing() {
    return keyRing;
  }

  /** The user profiles of every workspace. */
  public UserDirectory users() {
    return users;
  }

  /** The stored grants of every workspace. */
  public GrantStore grants() {
    return grants;
  }

  /** Each user's profile, attributes and grants, read together: one statement on PostgreSQL. */
  public UserRecords userRecords() {
    return userRecords;
  }

  /** Revoked token ids. */
  public RevocationList revocations() {
    return revocations;
  }

  /** The audit: a record of every minted token and an event for every administrative change. */
  public AuditLog audit() {
    return audit;
  }

  /** Units of work spanning the stores above; store calls inside one join it. */
  public Transactions transactions() {
    return transactions;
  }

  /**
   * Writes the queued audit records and events, stops serving commands (on an embedded host), and
   * closes every pooled connection; an embedded database is closed with its last one.
   */
  @Override
  public void close() {
    try {
      audit.close();
    } finally {
      try {
        beforeClose.run();
      } finally {
        pool.close();
      }
    }
  }

  private JdbcDatabase closing(Runnable first) {
    this.beforeClose = first;
    return this;
  }
}
