package dev.tokenmint.adapter.http.deadline;

import java.io.IOException;
import java.util.Objects;

/**
 * What a route reads instead of a body that did not arrive whole, and why: the client was too slow,
 * or the body ended early. An {@link IOException}, as reading a body throws; it carries no stack
 * trace: it says what the client did, not where the server was.
 */
public final class BodyNotReceived extends IOException {

  private static final long serialVersionUID = 1L;

  /** Why the body did not arrive. */
  public enum Reason {
    /** Not all of the request arrived before its deadline. */
    TOO_SLOW,
    /**
     * The body ended before its declared end: the client closed the connection, or broke its
     * chunked encoding (Jetty reports both as an early end of the input).
     */
    ENDED_EARLY,
    /** The bodies being received at once already fill the memory set aside for them. */
    BUSY
  }

  private final Reason reason;

  BodyNotReceived(Reason reason) {
    super(reason.name());
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the body did not arrive. */
  public Reason reason() {
    return reason;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
