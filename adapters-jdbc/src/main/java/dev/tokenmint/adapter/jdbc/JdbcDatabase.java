package dev.tokenmint.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.RevocationList;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.application.port.out.WorkspaceStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * tokenmint's stores in PostgreSQL or in an embedded H2 file: a small connection pool, the schema
 * migrated when opened, and one implementation of every store port. Close it to release the pool.
 */
public final class JdbcDatabase implements AutoCloseable {

  /** The user of the embedded database; H2 makes the first user of a new file its owner. */
  public static final String EMBEDDED_USER = "sa";

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
  private final JdbcAuditLog audit;
  private final RevocationList revocations;

  private JdbcDatabase(HikariDataSource pool) {
    this.pool = pool;
    this.transactions = new JdbcTransactions(pool);
    this.workspaces = new JdbcWorkspaceStore(transactions);
    this.settings = new JdbcWorkspaceSettings(transactions);
    this.credentials = new JdbcCredentialStore(transactions);
    this.keyRing = new JdbcKeyRing(transactions);
    this.users = new JdbcUserDirectory(transactions);
    this.grants = new JdbcGrantStore(transactions);
    this.audit = new JdbcAuditLog(transactions);
    this.revocations = new JdbcRevocationList(transactions);
  }

  /**
   * The embedded H2 database in {@code dataDirectory} (created when absent), opened as {@link
   * #EMBEDDED_USER}.
   *
   * @throws dev.tokenmint.domain.failure.UnavailableException when the file cannot be opened, for
   *     instance because another process holds it
   */
  public static JdbcDatabase embedded(String dataDirectory) {
    return open(embeddedUrl(dataDirectory), Optional.of(EMBEDDED_USER), Optional.empty());
  }

  /**
   * The JDBC URL of the embedded H2 database in {@code dataDirectory}: the file {@code
   * tokenmint.mv.db}, in the PostgreSQL compatibility mode the shared migrations need, shared with
   * other local processes (the command line) while open.
   *
   * @throws IllegalArgumentException when the path holds a ';', which H2 URLs cannot carry
   */
  public static String embeddedUrl(String dataDirectory) {
    String directory = Path.of(dataDirectory).toAbsolutePath().normalize().toString();
    if (directory.contains(";")) {
      throw new IllegalArgumentException("the data directory path must not contain ';'");
    }
    // AUTO_SERVER=TRUE: the command line (workspace and credential commands) can work on the file
    // while the server holds it, through the local server H2 starts in whichever process opened
    // the file first. H2 refuses it together with DB_CLOSE_ON_EXIT=FALSE, so H2's exit hook closes
    // the file at JVM exit: requests still running then fail with 503, which is acceptable for a
    // process that is going away.
    // QUERY_CACHE_SIZE: each session keeps this many parsed statements; H2's default of 8 is fewer
    // than one mint and its authentication use, so every statement was parsed again.
    return "jdbc:h2:file:"
        + Path.of(directory, "tokenmint")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
        + ";QUERY_CACHE_SIZE=64;AUTO_SERVER=TRUE";
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
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .placeholders(Map.of("binary_order", postgres ? "COLLATE \"C\"" : ""))
          .load()
          .migrate();
      return new JdbcDatabase(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw JdbcTransactions.translate(e, null);
    }
  }

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

  /** Revoked token ids. */
  public RevocationList revocations() {
    return revocations;
  }

  /** The record of minted tokens. */
  public AuditLog audit() {
    return audit;
  }

  /** Units of work spanning the stores above; store calls inside one join it. */
  public Transactions transactions() {
    return transactions;
  }

  /** Closes every pooled connection; an embedded database is closed with its last one. */
  @Override
  public void close() {
    try {
      audit.close();
    } finally {
      pool.close();
    }
  }
}
