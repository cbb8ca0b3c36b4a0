package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.domain.failure.UnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit records in the {@code audit_records} table, newest last, written in batches.
 *
 * <p>A mint hands its record to a bounded queue; a background writer inserts what is queued every
 * {@link #FLUSH_INTERVAL} (at most {@link #BATCH} rows per statement batch and transaction). One
 * commit per batch instead of one per token takes the audit write off the request path. When the
 * database is down the writer keeps the records and retries; once {@link #MAX_PENDING} records
 * wait, {@link #record} refuses with {@link UnavailableException}, so no token is minted without
 * its audit record queued. Records still queued when the process is killed are lost: at most one
 * flush interval's worth. {@link #recent} and {@link #close} write what is queued first; but on the
 * embedded H2 database, H2's own exit hook may close the file before {@link #close} runs (the JVM
 * runs shutdown hooks in no order), so a stopped process may lose that much too. A record the
 * database refuses for good (not for being away) is dropped with an error in the log, so that it
 * cannot block the ones after it.
 */
final class JdbcAuditLog implements AuditLog, AutoCloseable {

  /** How often the writer inserts what is queued. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);

  /** Most rows one transaction inserts. */
  static final int BATCH = 1000;

  /** Most records waiting for the database before minting is refused. */
  static final int MAX_PENDING = 100_000;

  /** Pause after a failed write before the next try. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);

  private static final String INSERT =
      "INSERT INTO audit_records (minted_at, workspace_id, credential_id, user_id, jti,"
          + " grant_count, profile) VALUES (?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTransactions jdbc;
  private final int maxPending;
  private final BlockingQueue<MintRecord> pending;
  /** Records taken from the queue and not yet committed. Guarded by {@link #writing}. */
  private final List<MintRecord> batch = new ArrayList<>(BATCH);
  private final ReentrantLock writing = new ReentrantLock();
  private final Thread writer;
  /** Counted down by {@link #close}; the writer waits on it between flushes, never interrupted. */
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile boolean open = true;

  JdbcAuditLog(JdbcTransactions jdbc) {
    this(jdbc, MAX_PENDING);
  }

  /** A log refusing records once {@code maxPending} wait (tests use a small bound). */
  JdbcAuditLog(JdbcTransactions jdbc, int maxPending) {
    this.jdbc = jdbc;
    this.maxPending = maxPending;
    this.pending = new ArrayBlockingQueue<>(maxPending);
    this.writer = new Thread(this::writeUntilClosed, "tokenmint-audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void record(MintRecord record) {
    if (!open) {
      throw new UnavailableException("the audit log is closed: the service is stopping");
    }
    if (!pending.offer(record)) {
      throw new UnavailableException(
          "the audit log cannot reach the database ("
              + maxPending
              + " records are waiting): no token is minted without its audit record");
    }
  }

  @Override
  public List<MintRecord> recent(String workspaceId, int limit) {
    if (limit < 1) {
      return List.of();
    }
    flush();
    return jdbc.list(
        "SELECT minted_at, workspace_id, credential_id, user_id, jti, grant_count, profile"
            + " FROM audit_records WHERE workspace_id = ? ORDER BY id DESC LIMIT ?",
        JdbcAuditLog::record,
        workspaceId,
        limit);
  }

  /**
   * Writes every record queued so far (records queued meanwhile may wait for the next flush: the
   * queue is first in, first out, so a bounded number of batches covers the ones owed).
   *
   * @throws UnavailableException when the database cannot take them (they stay queued)
   */
  void flush() {
    writing.lock();
    try {
      int batches = (batch.size() + pending.size()) / BATCH + 1;
      while (batches-- > 0 && (!batch.isEmpty() || !pending.isEmpty())) {
        writeBatch();
      }
    } finally {
      writing.unlock();
    }
  }

  /** How many records are not yet written (queued, or taken by a write that has not committed). */
  int unwritten() {
    writing.lock();
    try {
      return batch.size() + pending.size();
    } finally {
      writing.unlock();
    }
  }

  /**
   * Stops the writer after writing what is queued (as far as the database takes it). The writer is
   * never interrupted: an interrupt during H2's file I/O closes its file channel for good.
   */
  @Override
  public void close() {
    open = false;
    stop.countDown();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
      flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UnavailableException e) {
      LOG.error(
          "{} audit records could not be written at shutdown: the database is unavailable",
          batch.size() + pending.size());
    }
  }

  /**
   * Every flush interval (after a failure: every {@link #RETRY_AFTER}), writes what is queued. A
   * record is always either queued or in {@link #batch}, both read under {@link #writing}, so a
   * {@link #flush} from a reader never misses one the writer is busy with.
   */
  private void writeUntilClosed() {
    boolean failing = false;
    while (open) {
      try {
        if (stop.await(
            failing ? RETRY_AFTER.toMillis() : FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
          return; // close() writes the rest
        }
      } catch (InterruptedException e) {
        return;
      }
      try {
        flush();
        if (failing) {
          LOG.info("audit records are written again");
          failing = false;
        }
      } catch (RuntimeException e) {
        if (!failing) {
          LOG.warn(
              "audit records cannot be written, retrying every {} s: {}",
              RETRY_AFTER.toSeconds(),
              e.getMessage());
          failing = true;
        }
      }
    }
  }

  /** Tops the batch up from the queue and commits it in one transaction. Holds {@link #writing}. */
  private void writeBatch() {
    pending.drainTo(batch, BATCH - batch.size());
    if (batch.isEmpty()) {
      return;
    }
    try {
      insert(batch);
    } catch (UnavailableException e) {
      throw e; // the database is away: keep the batch and try again
    } catch (RuntimeException e) {
      // The database refused the batch itself (a value it cannot store, say): row by row, so that
      // one bad record cannot block every later one. Such a record is dropped, and said so.
      for (MintRecord record : batch) {
        try {
          insert(List.of(record));
        } catch (UnavailableException away) {
          throw away;
        } catch (RuntimeException refused) {
          LOG.error(
              "audit record of token {} in workspace {} refused by the database, dropped: {}",
              record.jti(),
              record.workspaceId(),
              refused.getMessage());
        }
      }
    }
    batch.clear();
  }

  /** Inserts {@code records} in one transaction, as one statement batch. */
  private void insert(List<MintRecord> records) {
    jdbc.inTransaction(
        () -> {
          jdbc.batch(INSERT, records.size(), (statement, i) -> bind(statement, records.get(i)));
          return null;
        });
  }

  private static void bind(PreparedStatement statement, MintRecord record) throws SQLException {
    statement.setLong(1, record.at().toEpochMilli());
    statement.setString(2, record.workspaceId());
    statement.setString(3, record.credentialId());
    statement.setString(4, record.userId());
    statement.setString(5, record.jti());
    statement.setInt(6, record.grantCount());
    statement.setString(7, record.profile());
  }

  private static MintRecord record(ResultSet row) throws SQLException {
    return new MintRecord(
        Instant.ofEpochMilli(row.getLong("minted_at")),
        row.getString("workspace_id"),
        row.getString("credential_id"),
        row.getString("user_id"),
        row.getString("jti"),
        row.getInt("grant_count"),
        row.getString("profile"));
  }
}
