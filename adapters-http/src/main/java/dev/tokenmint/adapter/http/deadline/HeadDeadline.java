package dev.tokenmint.adapter.http.deadline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The deadline for a request's head (request line and headers): a connection that has been
 * receiving one for longer than the timeout is answered 408 and closed.
 *
 * <p>Why: Jetty parses heads without a thread, but its only limits are the head's size and the idle
 * timeout, which every byte resets: a client sending a byte every few seconds holds its connection
 * for hours. Jetty has no total deadline for a head (nor a hook where one begins), so this watches
 * each connection through Jetty's public counters: it is a {@link Connection.Listener} on the
 * connectors (to know the connections) and the outermost handler (to know when a request is being
 * served). A connection is receiving a head when bytes arrived after its last request ended, no
 * request is being served, and no new head is complete (Jetty counts a message in once its head is
 * parsed). A sweep, once a second or every quarter of the timeout if that is shorter, notes when
 * that state is first seen and answers 408 and closes the connection once it has lasted the
 * timeout; any request in between starts the count again. So a head is cut between one timeout and
 * one timeout plus a sweep after its first byte, and never one that arrived in time. The body has
 * its own deadline ({@link BodyLoader}), counted from the same first byte.
 */
public final class HeadDeadline extends Handler.Wrapper implements Connection.Listener {

  private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
  private final long timeoutNanos;
  private final long periodNanos;
  private final Supplier<byte[]> answer;
  private volatile Scheduler.Task sweep;

  /**
   * A deadline of {@code timeout}; {@code answer} makes the whole HTTP response (head and body)
   * sent before closing a connection whose head came too slowly, one per connection (each answer
   * has a request id of its own).
   */
  public HeadDeadline(Duration timeout, Supplier<byte[]> answer) {
    this.timeoutNanos = timeout.toNanos();
    this.periodNanos =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10),
            Math.min(TimeUnit.SECONDS.toNanos(1), timeoutNanos / 4));
    this.answer = answer;
  }

  @Override
  public void onOpened(Connection connection) {
    watches.put(connection, new Watch(connection));
  }

  @Override
  public void onClosed(Connection connection) {
    watches.remove(connection);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Watch watch = watches.get(request.getConnectionMetaData().getConnection());
    if (watch == null) {
      return super.handle(request, response, callback);
    }
    watch.started();
    // Ends once, whichever comes first: the answer completing, or Jetty answering itself (a
    // handler that declined or threw) with its own callback, which this one then never sees.
    AtomicBoolean ended = new AtomicBoolean();
    Runnable end =
        () -> {
          if (ended.compareAndSet(false, true)) {
            watch.ended();
          }
        };
    boolean handled;
    try {
      handled = super.handle(request, response, Callback.from(callback, end));
    } catch (Throwable failure) {
      end.run();
      throw failure;
    }
    if (!handled) {
      end.run();
    }
    return handled;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    schedule();
  }

  @Override
  protected void doStop() throws Exception {
    Scheduler.Task task = sweep;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  private void schedule() {
    if (isRunning() || isStarting()) {
      sweep = getServer().getScheduler().schedule(this::sweep, periodNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void sweep() {
    try {
      long now = NanoTime.now();
      for (Watch watch : watches.values()) {
        if (watch.expired(now, timeoutNanos)) {
          answerAndClose(watch.connection);
        }
      }
    } finally {
      schedule();
    }
  }

  private void answerAndClose(Connection connection) {
    watches.remove(connection);
    EndPoint endPoint = connection.getEndPoint();
    try {
      endPoint.write(
          Callback.from(endPoint::close, failure -> endPoint.close()),
          ByteBuffer.wrap(answer.get()));
    } catch (RuntimeException e) {
      endPoint.close(); // a write already pending: there is no one to answer
    }
  }

  /** One connection's state, as the sweep sees it. */
  private static final class Watch {

    private static final long NOT_SEEN = Long.MIN_VALUE;

    private final Connection connection;
    private int serving;
    private long bytesAtRest;
    private long messagesAtRest;
    private long headSeenAt = NOT_SEEN;

    Watch(Connection connection) {
      this.connection = connection;
    }

    synchronized void started() {
      serving++;
      headSeenAt = NOT_SEEN;
    }

    synchronized void ended() {
      serving--;
      bytesAtRest = connection.getBytesIn();
      messagesAtRest = connection.getMessagesIn();
      headSeenAt = NOT_SEEN;
    }

    /** True once a head has been arriving for {@code timeoutNanos}, as of {@code now}. */
    synchronized boolean expired(long now, long timeoutNanos) {
      boolean receivingHead =
          serving == 0
              && connection.getBytesIn() > bytesAtRest
              && connection.getMessagesIn() == messagesAtRest;
      if (!receivingHead) {
        headSeenAt = NOT_SEEN;
        return false;
      }
      if (headSeenAt == NOT_SEEN) {
        headSeenAt = now;
        return false;
      }
      return now - headSeenAt >= timeoutNanos;
    }
  }
}
