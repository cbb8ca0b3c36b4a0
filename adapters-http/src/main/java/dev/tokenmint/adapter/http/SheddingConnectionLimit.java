package dev.tokenmint.adapter.http;

import java.nio.channels.SelectableChannel;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.NetworkConnectionLimit;

/**
 * Jetty's connection limit on one connector, shedding a flood in batches rather than one connection
 * at a time.
 *
 * <p>At the limit Jetty stops accepting and gives every connection a short idle timeout; as soon as
 * one closes it accepts again and gives every connection back the connector's long one. Under a
 * flood of idle connections that sheds about one a second: the next queued flood connection brings
 * the count back to the limit, the short timeout applies again, and the others have just been given
 * a fresh long one. A new caller queued behind the flood waited for all of it (over 20 s in
 * ConnectionFloodIT, a minute and more when its connect was retried).
 *
 * <p>Worse, the limit is reached as a connection is accepted, before the last ones accepted are
 * open: Jetty's limit shortens the idle timeout of the open connections only, and when a burst was
 * accepted faster than it was opened, of none or few of them. The rest kept the long timeout and
 * the server, not accepting, served no one for 30 s (a minute and more in some runs).
 *
 * <p>Here a connection opened while shedding gets the short idle timeout too, and accepting resumes
 * below the limit as before, but the short idle timeout stays until the connections fall to {@link
 * #resumeAt()}: every connection silent that long closes, the kernel's queue is taken in one go,
 * and a new caller in it is served within about that timeout. Below the limit it stays for at most
 * the connector's idle timeout, so that busy connections cannot keep it for good. Jetty registers
 * this, a bean of the connector, as a listener of the connector's connections.
 */
final class SheddingConnectionLimit extends NetworkConnectionLimit implements Connection.Listener {

  private final AbstractConnector connector;
  private final int resumeAt;
  private final int maxConnections;
  private final Object lock = new Object();
  // Guarded by lock: whether the connections have the short idle timeout, and how often the limit
  // has been reached (a restore decided before a new limit must not undo it).
  private boolean shedding;
  private long limits;
  private long sheddingSince;

  /**
   * A limit of {@code maxConnections} on {@code connector}, closing connections silent for {@code
   * idleTimeoutMillis} from the moment it is reached until the connections are half as many.
   */
  SheddingConnectionLimit(int maxConnections, AbstractConnector connector, long idleTimeoutMillis) {
    super(maxConnections, connector);
    if (idleTimeoutMillis < 1) {
      throw new IllegalArgumentException("idleTimeoutMillis must be positive");
    }
    this.connector = connector;
    this.resumeAt = maxConnections / 2;
    this.maxConnections = maxConnections;
    setEndPointIdleTimeout(idleTimeoutMillis);
  }

  /** The connection count at or below which connections get the connector's idle timeout back. */
  int resumeAt() {
    return resumeAt;
  }

  /** Whether connections have the short idle timeout now. */
  boolean shedding() {
    synchronized (lock) {
      return shedding;
    }
  }

  @Override
  protected void limit() {
    // Called by Jetty under its own lock; this lock is only ever taken inside it or alone.
    synchronized (lock) {
      shedding = true;
      limits++;
      sheddingSince = System.nanoTime();
      super.limit();
    }
  }

  @Override
  public void onOpened(Connection connection) {
    // Opened after limit() shortened the open ones' timeouts: accepted in the same burst. The
    // setting is decided under the lock, so that a restore (onClosed) cannot come between the check
    // and the setting and leave this one with the short timeout for good.
    long seen = limitsWhileShedding();
    if (seen < 0) {
      return;
    }
    int connections = connections();
    synchronized (lock) {
      if (shedding && !restoreWhenDone(seen, connections)) {
        connection.getEndPoint().setIdleTimeout(getEndPointIdleTimeout());
      }
    }
  }

  @Override
  protected void unlimit() {
    // Accept again, but leave the short idle timeout until the count is down to resumeAt.
    connector.setAccepting(true);
  }

  @Override
  public void onClosed(SelectableChannel channel) {
    super.onClosed(channel);
    long seen = limitsWhileShedding();
    if (seen < 0) {
      return;
    }
    int connections = connections();
    synchronized (lock) {
      if (shedding) {
        restoreWhenDone(seen, connections);
      }
    }
  }

  /** How often the limit has been reached, while shedding; -1 when not shedding. */
  private long limitsWhileShedding() {
    synchronized (lock) {
      return shedding ? limits : -1;
    }
  }

  /** Open and pending connections: read outside this lock (Jetty's lock is taken before it). */
  private int connections() {
    return getNetworkConnectionCount() + getPendingNetworkConnectionCount();
  }

  /**
   * Gives every connection the connector's idle timeout back when shedding is done: the {@code
   * connections} are down to {@link #resumeAt()}, or below the limit after shedding for as long as
   * the connector's idle timeout (busy connections that each send something at least once a second
   * would otherwise keep the short timeout for good) — unless the limit was reached again since
   * {@code seen}. Called holding the lock; true when it restored.
   */
  private boolean restoreWhenDone(long seen, int connections) {
    boolean drained = connections <= resumeAt;
    boolean overdue =
        connections < maxConnections
            && System.nanoTime() - sheddingSince
                >= TimeUnit.MILLISECONDS.toNanos(connector.getIdleTimeout());
    if (limits != seen || !(drained || overdue)) {
      return false;
    }
    shedding = false;
    for (EndPoint endPoint : connector.getConnectedEndPoints()) {
      endPoint.setIdleTimeout(connector.getIdleTimeout());
    }
    return true;
  }
}
