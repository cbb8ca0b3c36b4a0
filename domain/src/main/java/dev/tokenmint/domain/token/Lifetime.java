package dev.tokenmint.domain.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a token may live: a cap fixed by its profile, which a workspace may shorten but never
 * lengthen. Whole seconds, since JWT times are whole seconds.
 */
public record Lifetime(Duration cap) {

  /** The cap must be at least one whole second. */
  public Lifetime {
    Objects.requireNonNull(cap, "cap");
    if (cap.getSeconds() < 1 || cap.getNano() != 0) {
      throw new IllegalArgumentException("a lifetime is a positive whole number of seconds");
    }
  }

  /** A lifetime of {@code seconds}. */
  public static Lifetime ofSeconds(long seconds) {
    return new Lifetime(Duration.ofSeconds(seconds));
  }

  /** This lifetime, shortened to {@code limit} when that is shorter; never lengthened. */
  public Lifetime shortenedTo(Duration limit) {
    return limit.compareTo(cap) < 0 ? new Lifetime(limit) : this;
  }

  /**
   * When a token issued at {@code now} expires: the earlier of {@code requested} and {@code now}
   * plus the cap.
   */
  public Instant expiresAt(Instant now, Optional<Instant> requested) {
    Instant capped = now.plus(cap);
    return requested.filter(r -> r.isBefore(capped)).orElse(capped);
  }

  /** The cap in seconds. */
  public long seconds() {
    return cap.getSeconds();
  }
}
