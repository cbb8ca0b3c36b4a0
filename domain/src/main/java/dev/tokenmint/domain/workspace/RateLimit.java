package dev.tokenmint.domain.workspace;

import dev.tokenmint.domain.failure.Violations;

/**
 * A limit on a rate of requests: {@code perSecond} a second on average, in bursts of up to as many
 * at once (a token bucket of {@code perSecond} tokens refilled at {@code perSecond} a second, so an
 * emptied bucket is full again after one second). {@code 0} means no limit.
 */
public record RateLimit(int perSecond) {

  /** The largest limit: a billion a second, far above what one instance serves. */
  public static final int MAX_PER_SECOND = 1_000_000_000;

  /** No limit. */
  public static final RateLimit NONE = new RateLimit(0);

  /** {@code perSecond} is 0 (no limit) to {@link #MAX_PER_SECOND}. */
  public RateLimit {
    Violations violations = new Violations();
    violations.require(
        perSecond >= 0 && perSecond <= MAX_PER_SECOND,
        "perSecond",
        "must be 0 (no limit) to " + MAX_PER_SECOND);
    violations.throwIfAny();
  }

  /** True unless this is {@link #NONE}. */
  public boolean limits() {
    return perSecond > 0;
  }

  /** {@code "50 requests per second"}, {@code "1 request per second"} or {@code "no limit"}. */
  public String describe() {
    if (!limits()) {
      return "no limit";
    }
    return perSecond + (perSecond == 1 ? " request" : " requests") + " per second";
  }
}
