package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.UnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minted tokens in the {@code audit_records} table and administrative events in {@code
 * audit_events} (why two: V6's script), written in batches and read as one list, newest first.
 *
 * <p>A mint hands its record to a bounded queue; a background writer inserts what is queued every
 * {@link #FLUSH_INTERVAL} (at most {@link #BATCH} rows per transaction, as statement batches). One
 * commit per batch instead of one per token takes the audit write off the request path. An
 * administrative change first {@linkplain #reserve reserves} room in the same queue, then queues
 * its events once made, so that its events can never be refused after the change. When the database
 * is down the writer keeps what is queued and retries; once {@link #MAX_PENDING} records, events
 * and reservations wait, {@link #record} and {@link #reserve} refuse with {@link
 * UnavailableException}: no token is minted and no change is made without its record queued. What
 * is still queued when the process is killed is lost: at most one flush interval's worth. {@link
 * #read} and {@link #close} write what is queued first. A record the database refuses for good (not
 * for being away) is dropped with an error in the log, so that it cannot block the ones after it.
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

  private static final String INSERT_MINTED =
      "INSERT INTO audit_records (minted_at, workspace_id, credential_id, user_id, jti,"
          + " grant_count, profile, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_EVENT =
      "INSERT INTO audit_events (occurred_at, workspace_id, actor, kind, target, user_id, jti,"
          + " detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTransactions jdbc;
  private final int maxPending;

  /**
   * Minted tokens' records and events, as recorded: {@link MintRecord}s and {@link AuditEvent}s.
   */
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
    // Each event's place was taken from room: the queue has it free.
    return Reservation.of(events, pending::add, room::release);
  }

  private void requireOpen() {
    if (!open) {
      throw new UnavailableException("the audit log is closed: the service is stopping");
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the newest matching rows of each table, each in the order it was written (its {@code
   * id}), and merges them by time. A position is the {@code id} each table was read down to, so a
   * next slice continues both where they stopped: nothing is listed twice or skipped, even where
   * two instances' clocks disagree (the order between the tables is then by their times).
   */
  @Override
  public Slice read(String workspaceId, AuditFilter filter, Optional<String> after, int limit) {
    Position from = after.map(Position::parse).orElse(Position.START);
    if (limit < 1) {
      return new Slice(List.of(), Optional.empty());
    }
    flush();
    boolean minted = filter.kind().map(kind -> kind == AuditKind.TOKEN_MINTED).orElse(true);
    boolean changes = filter.kind().map(kind -> kind != AuditKind.TOKEN_MINTED).orElse(true);
    List<Row> mints =
        minted ? mintedRows(workspaceId, filter, from.minted(), limit + 1) : List.of();
    List<Row> events =
        changes ? eventRows(workspaceId, filter, from.events(), limit + 1) : List.of();
    List<AuditEvent> slice = new ArrayList<>(limit);
    long mintedTo = from.minted();
    long eventsTo = from.events();
    int m = 0;
    int e = 0;
    while (slice.size() < limit && (m < mints.size() || e < events.size())) {
      // Newer first; at the same millisecond, the change first.
      boolean takeMint =
          e == events.size()
              || (m < mints.size()
                  && mints.get(m).event().at().isAfter(events.get(e).event().at()));
      Row row = takeMint ? mints.get(m++) : events.get(e++);
      slice.add(row.event());
      if (takeMint) {
        mintedTo = row.id();
      } else {
        eventsTo = row.id();
      }
    }
    boolean more = m < mints.size() || e < events.size();
    return new Slice(
        slice, more ? Optional.of(new Position(mintedTo, eventsTo).toString()) : Optional.empty());
  }

  /** How far down each table a listing has read: rows with a lower {@code id} come next. */
  private record Position(long minted, long events) {
    static final Position START = new Position(Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * @throws IllegalArgumentException when {@code text} is not what {@link #toString} makes
     */
    static Position parse(String text) {
      String[] parts = text.split(":", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("not an audit position");
      }
      return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    @Override
    public String toString() {
      return minted + ":" + events;
    }
  }

  /** An event as read, with the {@code id} of its row in its table. */
  private record Row(long id, AuditEvent event) {}

  private List<Row> mintedRows(String workspaceId, AuditFilter filter, long before, int limit) {
    return new Query(workspaceId, before, filter, "minted_at")
        .list(
            "SELECT id, minted_at, workspace_id, credential_id, user_id, jti, grant_count, profile,"
                + " request_id FROM audit_records",
            JdbcAuditLog::mintedRow,
            limit);
  }

  private List<Row> eventRows(String workspaceId, AuditFilter filter, long before, int limit) {
    Query query = new Query(workspaceId, before, filter, "occurred_at");
    filter.kind().ifPresent(kind -> query.where("kind = ?", kind.wireName()));
    return query.list(
        "SELECT id, occurred_at, workspace_id, actor, kind, target, user_id, jti, detail,"
            + " request_id FROM audit_events",
        JdbcAuditLog::eventRow,
        limit);
  }

  /**
   * A workspace's rows below an {@code id}, narrowed by conditions, newest first: at least those of
   * a filter that both tables share, its user, its token and its times (in {@code timeColumn}).
   */
  private final class Query {
    private final StringBuilder where = new StringBuilder(" WHERE workspace_id = ? AND id < ?");
    private final List<Object> parameters = new ArrayList<>();

    Query(String workspaceId, long before, AuditFilter filter, String timeColumn) {
      parameters.add(workspaceId);
      parameters.add(before);
      filter.userId().ifPresent(id -> where("user_id = ?", id));
      filter.jti().ifPresent(id -> where("jti = ?", id));
      filter.since().ifPresent(at -> where(timeColumn + " >= ?", at.toEpochMilli()));
      filter.until().ifPresent(at -> where(timeColumn + " < ?", at.toEpochMilli()));
    }

    void where(String condition, Object parameter) {
      where.append(" AND ").append(condition);
      parameters.add(parameter);
    }

    List<Row> list(String select, JdbcTransactions.Row<Row> row, int limit) {
      parameters.add(limit);
      return jdbc.list(select + where + " ORDER BY id DESC LIMIT ?", row, parameters.toArray());
    }
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
              "audit {} refused by the database, dropped: {}",
              describe(record),
              refused.getMessage());
        }
      }
    }
    batch.clear();
  }

  /**
   * Inserts {@code records} in one transaction: the minted tokens and the events each as one
   * statement batch, in their order.
   */
  private void insert(List<Record> records) {
    List<MintRecord> mints = new ArrayList<>(records.size());
    List<AuditEvent> events = new ArrayList<>();
    for (Record record : records) {
      if (record instanceof MintRecord minted) {
        mints.add(minted);
      } else {
        events.add((AuditEvent) record);
      }
    }
    jdbc.inTransaction(
        () -> {
          if (!mints.isEmpty()) {
            jdbc.batch(
                INSERT_MINTED, mints.size(), (statement, i) -> bind(statement, mints.get(i)));
          }
          if (!events.isEmpty()) {
            jdbc.batch(
                INSERT_EVENT, events.size(), (statement, i) -> bind(statement, events.get(i)));
          }
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

  private static void bind(PreparedStatement statement, MintRecord record) throws SQLException {
    statement.setLong(1, record.at().toEpochMilli());
    statement.setString(2, record.workspaceId());
    statement.setString(3, record.credentialId());
    statement.setString(4, record.userId());
    statement.setString(5, record.jti());
    statement.setInt(6, record.grantCount());
    statement.setString(7, record.profile());
    statement.setString(8, record.requestId().orElse(null));
  }

  private static void bind(PreparedStatement statement, AuditEvent event) throws SQLException {
    statement.setLong(1, event.at().toEpochMilli());
    statement.setString(2, event.workspaceId());
    statement.setString(3, event.actor());
    statement.setString(4, event.kind().wireName());
    statement.setString(5, event.target().orElse(null));
    statement.setString(6, event.userId().orElse(null));
    statement.setString(7, event.jti().orElse(null));
    statement.setString(8, event.detail().orElse(null));
    statement.setString(9, event.requestId().orElse(null));
  }

  /** A minted token's row, as the audit lists it ({@link MintRecord#toEvent}). */
  private static Row mintedRow(ResultSet row) throws SQLException {
    MintRecord record =
        new MintRecord(
            Instant.ofEpochMilli(row.getLong("minted_at")),
            row.getString("workspace_id"),
            row.getString("credential_id"),
            row.getString("user_id"),
            row.getString("jti"),
            row.getInt("grant_count"),
            row.getString("profile"),
            Optional.ofNullable(row.getString("request_id")));
    return new Row(row.getLong("id"), record.toEvent());
  }

  private static Row eventRow(ResultSet row) throws SQLException {
    String kindName = row.getString("kind");
    AuditKind kind =
        AuditKind.fromWireName(kindName)
            .orElseThrow(() -> new SQLException("unknown audit event kind '" + kindName + "'"));
    AuditEvent event =
        new AuditEvent(
            Instant.ofEpochMilli(row.getLong("occurred_at")),
            row.getString("workspace_id"),
            row.getString("actor"),
            kind,
            Optional.ofNullable(row.getString("target")),
            Optional.ofNullable(row.getString("user_id")),
            Optional.ofNullable(row.getString("jti")),
            Optional.ofNullable(row.getString("detail")),
            Optional.ofNullable(row.getString("request_id")));
    return new Row(row.getLong("id"), event);
  }
}
