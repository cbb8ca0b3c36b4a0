package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.failure.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Units of work on a connection pool, and the statements every JDBC store runs. A unit's connection
 * is bound to the thread running it, so every store call on that thread joins the unit; outside a
 * unit, each call borrows a connection in autocommit mode. The one place where {@link SQLException}
 * becomes a tokenmint failure.
 */
final class JdbcTransactions implements Transactions {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Statements run on one connection. */
  @FunctionalInterface
  private interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private static final String UNAVAILABLE = "the database is unavailable";
  private static final String UNIQUE_VIOLATION = "23505";
  // PostgreSQL: the server is shutting down or starting (57P0x), has no connection left (53300).
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  /** The connection of the unit of work bound to a thread, and whether the unit wrote. */
  private static final class Unit {
    final Connection connection;
    boolean wrote;

    Unit(Connection connection) {
      this.connection = connection;
    }
  }

  private final DataSource pool;
  // H2 writes commits to its file from a background thread, up to 500 ms later (WRITE_DELAY): a
  // process killed meanwhile lost what it had answered, rotated keys (and every token they had
  // signed) and whole workspaces (bench/faults.sh crash-h2). So after each write H2's store is
  // asked to store what is committed, then to finish any store the background thread has begun:
  // SQL's CHECKPOINT alone returns early when another store is under way, and WRITE_DELAY=0 did
  // the same between concurrent commits (and stopped H2's compaction altogether). Both calls are
  // H2's public MVStore API, reached through the session of an embedded connection. The embedded
  // URL turns compaction off for the rest (JdbcDatabase.embeddedUrl).
  private final boolean storeCommitsAtOnce;
  private final ThreadLocal<Unit> unit = new ThreadLocal<>();

  /**
   * Units of work on {@code pool}. {@code storeCommitsAtOnce}: the database (H2) keeps committed
   * writes in memory for a while, so each write is stored in its file before it returns.
   */
  JdbcTransactions(DataSource pool, boolean storeCommitsAtOnce) {
    this.pool = pool;
    this.storeCommitsAtOnce = storeCommitsAtOnce;
  }

  /** Every write {@code work} made is durable when this returns, also if the process dies. */
  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (unit.get() != null) {
      return work.get();
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      Unit bound = new Unit(connection);
      unit.set(bound);
      try {
        T result = work.get();
        connection.commit();
        if (bound.wrote) {
          storeNow(connection);
        }
        return result;
      } catch (Throwable failure) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          failure.addSuppressed(rollbackFailure);
        }
        throw failure;
      } finally {
        unit.remove();
      }
    } catch (SQLException e) {
      throw translate(e, null);
    }
  }

  /**
   * Runs the reads of {@code work} on one pooled connection in autocommit mode (each statement sees
   * what is committed when it runs), or on the unit's connection inside a unit. For reads only: a
   * write inside would not be made durable at once.
   */
  <T> T readingTogether(Supplier<T> work) {
    if (unit.get() != null) {
      return work.get();
    }
    try (Connection connection = pool.getConnection()) {
      unit.set(new Unit(connection));
      try {
        return work.get();
      } finally {
        unit.remove();
      }
    } catch (SQLException e) {
      throw translate(e, null);
    }
  }

  /** The rows {@code sql} selects, in order. */
  <T> List<T> list(String sql, Row<T> row, Object... parameters) {
    return withConnection(
        null,
        connection -> {
          try (PreparedStatement statement = prepare(connection, sql, parameters);
              ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
              result.add(row.map(rows));
            }
            return result;
          }
        });
  }

  /** The first row {@code sql} selects, if any. */
  <T> Optional<T> first(String sql, Row<T> row, Object... parameters) {
    return list(sql, row, parameters).stream().findFirst();
  }

  /** Runs an INSERT, UPDATE or DELETE; returns how many rows it touched. */
  int update(String sql, Object... parameters) {
    return write(null, connection -> execute(connection, sql, parameters));
  }

  /**
   * Runs an INSERT that a unique key may refuse, as {@link AlreadyExistsException} with {@code
   * alreadyExists}. Inside a unit, a savepoint keeps the unit usable after the refusal: PostgreSQL
   * would otherwise abort the whole transaction, H2 would not.
   */
  void insert(String alreadyExists, String sql, Object... parameters) {
    write(
        alreadyExists,
        connection -> {
          if (unit.get() == null) {
            return execute(connection, sql, parameters);
          }
          Savepoint savepoint = connection.setSavepoint();
          try {
            int inserted = execute(connection, sql, parameters);
            connection.releaseSavepoint(savepoint);
            return inserted;
          } catch (SQLException e) {
            try {
              connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
              e.addSuppressed(rollbackFailure);
            }
            throw e;
          }
        });
  }

  /** Binds the parameters of row {@code index} of a statement batch. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }

  /** Runs {@code sql} once per row, {@code rows} rows, as one JDBC statement batch. */
  void batch(String sql, int rows, Binder binder) {
    write(
        null,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
              binder.bind(statement, i);
              statement.addBatch();
            }
            statement.executeBatch();
            return rows;
          }
        });
  }

  /**
   * Inserts a row, or updates it when its key is taken. {@code insertSql} must end in {@code ON
   * CONFLICT DO NOTHING}: the upsert H2's PostgreSQL mode and PostgreSQL share.
   */
  void upsert(
      String insertSql, Object[] insertParameters, String updateSql, Object[] updateParameters) {
    // A row deleted between the two statements, by another writer, sends us round again.
    for (int round = 0; round < 3; round++) {
      if (update(insertSql, insertParameters) > 0 || update(updateSql, updateParameters) > 0) {
        return;
      }
    }
    throw new IllegalStateException("a row kept vanishing between insert and update");
  }

  /** Runs {@code work} on the unit's connection, or on a pooled one in autocommit mode. */
  private <T> T withConnection(String alreadyExists, Work<T> work) {
    try {
      Unit bound = unit.get();
      if (bound != null) {
        return work.on(bound.connection);
      }
      try (Connection connection = pool.getConnection()) {
        return work.on(connection);
      }
    } catch (SQLException e) {
      throw translate(e, alreadyExists);
    }
  }

  /**
   * Runs writing {@code work} as {@link #withConnection} does; a write in autocommit mode is
   * durable when this returns, one in a unit when the unit has committed.
   */
  private <T> T write(String alreadyExists, Work<T> work) {
    Unit bound = unit.get();
    if (bound != null) {
      bound.wrote = true;
      return withConnection(alreadyExists, work);
    }
    return withConnection(
        alreadyExists,
        connection -> {
          T result = work.on(connection);
          storeNow(connection);
          return result;
        });
  }

  /** On H2, stores every commit so far in the file now; elsewhere nothing to do. */
  private void storeNow(Connection connection) throws SQLException {
    if (!storeCommitsAtOnce) {
      return;
    }
    if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local) {
      MVStore store = local.getDatabase().getStore().getMvStore();
      store.commit();
      FileStore<?> file = store.getFileStore(); // none for an in-memory database
      if (file != null) {
        // a store another thread began, which may hold this commit, is written by now
        file.executeFileStoreOperation(() -> {});
      }
    } else {
      // a command beside the server, through its port: the server's database stores it
      try (PreparedStatement statement = connection.prepareStatement("CHECKPOINT")) {
        statement.execute();
      }
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  private static int execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  /**
   * The tokenmint failure for a database failure: {@link UnavailableException} when the database
   * cannot be reached (worth retrying later), {@link AlreadyExistsException} for a unique key when
   * the caller named one ({@code alreadyExists} non-null), else {@link IllegalStateException}: a
   * bug.
   */
  static RuntimeException translate(Throwable failure, String alreadyExists) {
    SQLException first = null;
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < 16; t = t.getCause()) {
      if (t instanceof SQLException) {
        SQLException e = (SQLException) t;
        if (isUnavailable(e)) {
          return new UnavailableException(UNAVAILABLE, failure);
        }
        first = first == null ? e : first;
      }
    }
    if (first == null) {
      return new IllegalStateException("the database failed: " + failure.getMessage(), failure);
    }
    if (alreadyExists != null && UNIQUE_VIOLATION.equals(first.getSQLState())) {
      return new AlreadyExistsException(alreadyExists);
    }
    // For the log only: upstream, anything but a TokenmintException answers with a fixed message.
    return new IllegalStateException(
        "the database failed (SQLState " + first.getSQLState() + "): " + first.getMessage(),
        failure);
  }

  private static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return e instanceof SQLTransientException // includes the pool's timeout and deadlocks
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || state.startsWith("08") // connection exception
        || state.startsWith("40") // transaction rollback: serialization failure, deadlock
        || UNAVAILABLE_STATES.contains(state);
  }
}
