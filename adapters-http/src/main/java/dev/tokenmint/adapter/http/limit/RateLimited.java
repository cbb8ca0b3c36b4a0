package dev.tokenmint.adapter.http.limit;

import java.util.Objects;

/**
 * A request refused because its caller is over a rate limit: which limit, and in how many whole
 * seconds the caller may try again. Answered 429 {@code RESOURCE_EXHAUSTED} with {@code
 * Retry-After}. It carries no stack trace: it says what the client did, not where the server was.
 */
public final class RateLimited extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The limits, with their label on {@code tokenmint_rate_limited_total}. */
  public enum Limit {
    /** The requests of one credential. */
    CREDENTIAL("credential"),
    /** The failed authentications from one client address. */
    AUTH_FAILURE("auth_failure"),
    /**
     * The token exchanges of one token family: a minted token and every token exchanged from it.
     */
    TOKEN_FAMILY("token_family");

    private final String label;

    Limit(String label) {
      this.label = label;
    }

    /** The metric label. */
    public String label() {
      return label;
    }
  }

  private final Limit limit;
  private final long retryAfterSeconds;

  RateLimited(Limit limit, long retryAfterSeconds, String message) {
    super(message);
    this.limit = Objects.requireNonNull(limit, "limit");
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
    }
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The limit the caller is over. */
  public Limit limit() {
    return limit;
  }

  /** Whole seconds until the caller may try again, at least 1: the {@code Retry-After} value. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
