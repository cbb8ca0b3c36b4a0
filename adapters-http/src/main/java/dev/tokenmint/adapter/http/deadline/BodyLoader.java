package dev.tokenmint.adapter.http.deadline;

import dev.tokenmint.adapter.http.deadline.BodyNotReceived.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body before any route runs, without holding a thread while the bytes arrive,
 * and within the request's deadline. Installed in Jetty's {@link EagerContentHandler}, which calls
 * it for every request that has a body.
 *
 * <p>Why: routes read bodies with blocking I/O. On a pool of platform threads (JDK 17) a few
 * hundred clients sending one byte a second held every thread, and everyone else waited. Here the
 * body is read as it arrives (Jetty's demand callbacks) and the route is called once it is whole,
 * so a slow client costs a connection and a buffer, not a thread, on either kind of thread.
 *
 * <p>Jetty has a minimum data rate ({@code HttpConfiguration.setMinRequestDataRate}) but no total
 * deadline, and it is checked only while a thread blocks in a read; its {@code
 * RetainedContentLoaderFactory} loads asynchronously but keeps each network buffer a chunk arrived
 * in (one byte per packet would pin a buffer per byte). So this loader copies the bytes into one
 * array, and a timer fires at the deadline, measured from the request's first byte (Jetty's {@link
 * Request#getBeginNanoTime()}), so the time the head took counts too. When it fires first, or the
 * client goes away, the route is called all the same and reads a {@link BodyNotReceived} instead of
 * the body: the answer (408, or 499 in the metrics) goes through the routes' own error mapping.
 *
 * <p>Bodies over the limit: up to {@code drainLimit} bytes are read and dropped, so that the client
 * has finished sending when the 413 arrives and reads it; the route sees {@code maxBodyBytes + 1}
 * bytes, enough to refuse it. A larger declared body is not read: the route refuses it at once.
 *
 * <p>Memory: bodies are read before the route authenticates the caller, so anyone could make the
 * server hold a body per connection. All the bodies held at once, from their first byte until their
 * route has answered, stay within {@code budgetBytes}; a body that would go over it is not read
 * further, and its route answers 503 (retry) instead of the server running out of memory.
 */
public final class BodyLoader implements EagerContentHandler.ContentLoaderFactory {

  private final long maxBodyBytes;
  private final long drainLimit;
  private final Duration timeout;
  private final long budgetBytes;
  private final AtomicLong held = new AtomicLong();

  /**
   * A loader keeping up to {@code maxBodyBytes + 1} bytes of each body, dropping the rest up to
   * {@code drainLimit}, within {@code timeout} of each request's first byte, holding at most {@code
   * budgetBytes} of all bodies together.
   */
  public BodyLoader(long maxBodyBytes, long drainLimit, Duration timeout, long budgetBytes) {
    this.maxBodyBytes = maxBodyBytes;
    this.drainLimit = drainLimit;
    this.timeout = timeout;
    this.budgetBytes = budgetBytes;
  }

  @Override
  public String getApplicableMimeType() {
    return null; // every body, whatever its type: the routes refuse the wrong ones
  }

  @Override
  public EagerContentHandler.ContentLoader newContentLoader(
      String contentType,
      String mimeType,
      Handler handler,
      Request request,
      Response response,
      Callback callback) {
    if (request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > drainLimit) {
      return null; // not read at all: the route refuses it before reading
    }
    return new Loading(handler, request, response, callback);
  }

  /**
   * One request's body on its way in. Reading (Jetty's demand callbacks, one at a time) and the
   * timer meet under this object's lock, so that the route is called exactly once and, once it is,
   * the request is not read here again: from then on the route's answer owns the request.
   */
  private final class Loading extends EagerContentHandler.ContentLoader implements Invocable.Task {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long received;
    private long accounted;
    private boolean called;
    private Scheduler.Task timer;

    Loading(Handler handler, Request request, Response response, Callback callback) {
      super(handler, request, response, callback);
    }

    @Override
    protected void load() {
      long left = getRequest().getBeginNanoTime() + timeout.toNanos() - NanoTime.now();
      Scheduler scheduler = getRequest().getComponents().getScheduler();
      synchronized (this) {
        timer = scheduler.schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
      }
      read(false);
    }

    /** Jetty's demand callback: more of the body can be read. */
    @Override
    public void run() {
      read(true);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING; // copies bytes, never blocks; the route runs elsewhere
    }

    /**
     * Reads what has arrived; calls the route when the body is whole or reading failed, on this
     * thread when it is the one Jetty gave the request to, else on another (Jetty may run demand
     * callbacks on a thread that must not block).
     */
    private void read(boolean demanded) {
      Content.Chunk content;
      synchronized (this) {
        content = readAvailable();
        if (content == null) {
          return;
        }
        called = true;
        timer.cancel();
      }
      call(content, demanded);
    }

    /** The body or a failure once there is one; null when more is to come (demanded again). */
    private Content.Chunk readAvailable() {
      while (!called) {
        Content.Chunk chunk = getRequest().read();
        if (chunk == null) {
          getRequest().demand(this);
          return null;
        }
        if (Content.Chunk.isFailure(chunk)) {
          return failed(chunk.getFailure());
        }
        boolean fits = keep(chunk);
        chunk.release();
        if (!fits) {
          return Content.Chunk.from(new BodyNotReceived(Reason.BUSY), true);
        }
        if (chunk.isLast() || received > drainLimit) {
          return Content.Chunk.from(ByteBuffer.wrap(kept.toByteArray()), true);
        }
      }
      return null;
    }

    /** Keeps what the route needs of {@code chunk}; false when that would break the budget. */
    private boolean keep(Content.Chunk chunk) {
      ByteBuffer bytes = chunk.getByteBuffer();
      int length = bytes.remaining();
      int room = (int) Math.max(0, Math.min(length, maxBodyBytes + 1 - kept.size()));
      if (room > 0) {
        if (held.addAndGet(room) > budgetBytes) {
          held.addAndGet(-room);
          return false;
        }
        accounted += room;
        byte[] copy = new byte[room];
        bytes.get(copy);
        kept.write(copy, 0, room);
      }
      received += length;
      return true;
    }

    private void expire() {
      synchronized (this) {
        if (called) {
          return;
        }
        called = true;
      }
      call(Content.Chunk.from(new BodyNotReceived(Reason.TOO_SLOW), true), true);
    }

    private void call(Content.Chunk content, boolean elsewhere) {
      Request loaded = new LoadedRequest(getRequest(), content);
      long bytes = accounted; // final once called: nothing is kept after
      Callback answered = Callback.from(getCallback(), () -> held.addAndGet(-bytes));
      if (elsewhere) {
        getRequest().getContext().execute(() -> handle(loaded, getResponse(), answered));
      } else {
        handle(loaded, getResponse(), answered);
      }
    }
  }

  /**
   * Why reading stopped, in our words. Jetty reports a client that closed the connection and one
   * that broke its chunked encoding alike (an "early EOF"), so neither can be told apart here.
   */
  private static Content.Chunk failed(Throwable failure) {
    Reason reason = failure instanceof TimeoutException ? Reason.TOO_SLOW : Reason.ENDED_EARLY;
    return Content.Chunk.from(new BodyNotReceived(reason), true);
  }

  /** The request as the route sees it: its body, whole, or why it did not arrive. */
  private static final class LoadedRequest extends Request.Wrapper {

    private Content.Chunk content;

    LoadedRequest(Request request, Content.Chunk content) {
      super(request);
      this.content = content;
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk next = content;
      if (!Content.Chunk.isFailure(next)) {
        content = Content.Chunk.EOF; // the body is read once; a failure stays
      }
      return next;
    }

    @Override
    public void demand(Runnable demandCallback) {
      // read() always has something: the body, the end of it, or the failure
      demandCallback.run();
    }
  }
}
