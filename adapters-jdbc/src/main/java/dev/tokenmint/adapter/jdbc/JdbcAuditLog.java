package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.UnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minted tokens and administrative events in the {@code audit_events} table, in the order recorded,
 * written in batches.
 *
 * <p>A mint hands its record to a bounded queue; a background writer inserts what is queued every
 * {@link #FLUSH_INTERVAL} (at most {@link #BATCH} rows per statement batch and transaction). One
 * commit per batch instead of one per token takes the audit write off the request path. An
 * administrative change first {@linkplain #reserve reserves} room in the same queue, then queues its
 * events once made, so that its events can never be refused after the change. When the database is
 * down the writer keeps what is queued and retries; once {@link #MAX_PENDING} records, events and
 * reservations wait, {@link #record} and {@link #reserve} refuse with {@link UnavailableException}:
 * no token is minted and no change is made without its record queued. What is still queued when the
 * process is killed is lost: at most one flush interval's worth. {@link #read} and {@link #close}
 * write what is queued first. A record the database refuses for good (not for being away) is
 * dropped with an error in the log, so that it cannot block the ones after it.
 */
final class JdbcAuditLog implements AuditLog, AutoCloseable {

  /** How often the writer inserts what is queued. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);

  /** Most rows one transaction inserts. */
  static final int BATCH = 1000;

  /** Most records and events waiting for the database before minting and changes are refused. */
  static final int MAX_PENDING = 100_000;

  /** Pause after a failed write before the next try. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);

  private static final String INSERT =
      "INSERT INTO audit_events (occurred_at, workspace_id, actor, kind, target, user_id, jti,"
          + " grant_count, profile, detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String COLUMNS =
      "id, occurred_at, workspace_id, actor, kind, target, user_id, jti, grant_count, profile,"
          + " detail, request_id";

  private final JdbcTransactions jdbc;
  private final int maxPending;
  /** Minted tokens' records and events, as recorded: {@link MintRecord}s and {@link AuditEvent}s. */
  private final BlockingQueue<Record> pending;
  /**
   * Room in {@link #pending}: one permit per place neither queued in nor reserved, so a reserved
   * place is always free when its event comes.
   */
  private final Semaphore room;
  /** Records taken from the queue and not yet committed. Guarded by {@link #writing}. */
  private final List<Record> batch = new ArrayList<>(BATCH);
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
    this.room = new Semaphore(maxPending);
    this.writer = new Thread(this::writeUntilClosed, "tokenmint-audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void record(MintRecord record) {
    requireOpen();
    if (!room.tryAcquire()) {
      throw new UnavailableException(
          "the audit log cannot reach the database ("
              + maxPending
              + " records are waiting): no token is minted without its audit record");
    }
    pending.add(record);
  }

  @Override
  public Reservation reserve(int events) {
    requireOpen();
    if (!room.tryAcquire(events)) {
      throw new UnavailableException(
          "the audit log cannot reach the database ("
              + maxPending
              + " records are waiting): no change is made without its audit event");
    }
    return new Reservation() {
      private int left = events;

      @Override
      public void record(AuditEvent event) {
        if (left < 1) {
          throw new IllegalStateException("no room reserved for another event");
        }
        left--;
        pending.add(event); // its place was taken from room: the queue has it free
      }

      @Override
      public void close() {
        room.release(left);
        left = 0;
      }
    };
  }

  private void requireOpen() {
    if (!open) {
      throw new UnavailableException("the audit log is closed: the service is stopping");
    }
  }

  @Override
  public List<Recorded> read(
      String workspaceId, AuditFilter filter, OptionalLong before, int limit) {
    if (limit < 1) {
      return List.of();
    }
    flush();
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE workspace_id = ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(workspaceId);
    filter.kind().ifPresent(kind -> where(sql, parameters, "kind = ?", kind.wireName()));
    filter.userId().ifPresent(id -> where(sql, parameters, "user_id = ?", id));
    filter.jti().ifPresent(id -> where(sql, parameters, "jti = ?", id));
    filter.since().ifPresent(at -> where(sql, parameters, "occurred_at >= ?", at.toEpochMilli()));
    filter.until().ifPresent(at -> where(sql, parameters, "occurred_at < ?", at.toEpochMilli()));
    before.ifPresent(position -> where(sql, parameters, "id < ?", position));
    sql.append(" ORDER BY id DESC LIMIT ?");
    parameters.add(limit);
    return jdbc.list(sql.toString(), JdbcAuditLog::recorded, parameters.toArray());
  }

  private static void where(
      StringBuilder sql, List<Object> parameters, String condition, Object parameter) {
    sql.append(" AND ").append(condition);
    parameters.add(parameter);
  }

  /**
   * Writes every record and event queued so far (those queued meanwhile may wait for the next
   * flush: the queue is first in, first out, so a bounded number of batches covers the ones owed).
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
    room.release(pending.drainTo(batch, BATCH - batch.size()));
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
      for (Record record : batch) {
        try {
          insert(List.of(record));
        } catch (UnavailableException away) {
          throw away;
        } catch (RuntimeException refused) {
          LOG.error(
              "audit {} refused by the database, dropped: {}", describe(record), refused.getMessage());
        }
      }
    }
    batch.clear();
  }

  /** Inserts {@code records} in one transaction, as one statement batch, in their order. */
  private void insert(List<Record> records) {
    jdbc.inTransaction(
        () -> {
          jdbc.batch(INSERT, records.size(), (statement, i) -> bind(statement, records.get(i)));
          return null;
        });
  }

  /** What the error log says of a record it dropped: kind and target, never more. */
  private static String describe(Record record) {
    if (record instanceof MintRecord minted) {
      return "record of token " + minted.jti() + " in workspace " + minted.workspaceId();
    }
    AuditEvent event = (AuditEvent) record;
    return "event "
        + event.kind().wireName()
        + event.target().map(target -> " on " + target).orElse("")
        + " in workspace "
        + event.workspaceId();
  }

  /**
   * A minted token as the columns it always had, plus its kind and request id; its target and detail
   * are made when it is read (see {@link MintRecord#toEvent}), so the write stays small.
   */
  private static void bind(PreparedStatement statement, Record record) throws SQLException {
    if (record instanceof MintRecord minted) {
      statement.setLong(1, minted.at().toEpochMilli());
      statement.setString(2, minted.workspaceId());
      statement.setString(3, minted.credentialId());
      statement.setString(4, AuditKind.TOKEN_MINTED.wireName());
      statement.setNull(5, Types.VARCHAR);
      statement.setString(6, minted.userId());
      statement.setString(7, minted.jti());
      statement.setInt(8, minted.grantCount());
      statement.setString(9, minted.profile());
      statement.setNull(10, Types.VARCHAR);
      statement.setString(11, minted.requestId().orElse(null));
      return;
    }
    AuditEvent event = (AuditEvent) record;
    statement.setLong(1, event.at().toEpochMilli());
    statement.setString(2, event.workspaceId());
    statement.setString(3, event.actor());
    statement.setString(4, event.kind().wireName());
    statement.setString(5, event.target().orElse(null));
    statement.setString(6, event.userId().orElse(null));
    statement.setString(7, event.jti().orElse(null));
    statement.setNull(8, Types.INTEGER);
    statement.setNull(9, Types.VARCHAR);
    statement.setString(10, event.detail().orElse(null));
    statement.setString(11, event.requestId().orElse(null));
  }

  private static Recorded recorded(ResultSet row) throws SQLException {
    String kindName = row.getString("kind");
    AuditKind kind =
        AuditKind.fromWireName(kindName)
            .orElseThrow(() -> new SQLException("unknown audit event kind '" + kindName + "'"));
    Instant at = Instant.ofEpochMilli(row.getLong("occurred_at"));
    String workspaceId = row.getString("workspace_id");
    String actor = row.getString("actor");
    Optional<String> requestId = Optional.ofNullable(row.getString("request_id"));
    AuditEvent event;
    if (kind == AuditKind.TOKEN_MINTED) {
      event =
          new MintRecord(
                  at,
                  workspaceId,
                  actor,
                  row.getString("user_id"),
                  row.getString("jti"),
                  row.getInt("grant_count"),
                  row.getString("profile"),
                  requestId)
              .toEvent();
    } else {
      event =
          new AuditEvent(
              at,
              workspaceId,
              actor,
              kind,
              Optional.ofNullable(row.getString("target")),
              Optional.ofNullable(row.getString("user_id")),
              Optional.ofNullable(row.getString("jti")),
              Optional.ofNullable(row.getString("detail")),
              requestId);
    }
    return new Recorded(row.getLong("id"), event);
  }
}
