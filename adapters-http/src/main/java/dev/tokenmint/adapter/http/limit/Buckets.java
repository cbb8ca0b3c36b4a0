package dev.tokenmint.adapter.http.limit;

import dev.tokenmint.domain.workspace.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Token buckets by key (a credential id, a client address), bounded in number: a client spraying
 * from many addresses, or with many random credentials, must not grow them without end.
 *
 * <p>A full bucket is the same as no bucket (a new one starts full), so dropping it loses nothing.
 * Whenever the number of buckets reaches a mark, the full ones are dropped and the mark moves to
 * twice what is left (at least {@link #SWEEP_FLOOR}): the work is proportional to the buckets added
 * since, and no thread runs in the background. Each limit has a burst of one second's worth, so a
 * bucket left alone is full again one second after its last use: the buckets that survive a sweep
 * are those used in the last second, at most one per request served in that second. When more than
 * half of {@link #MAX_BUCKETS} survive even so (over 10 000 distinct client addresses failing, or
 * credentials calling, within one second on one instance), all are dropped and counting starts
 * over; so there are never more than about {@link #MAX_BUCKETS}.
 */
final class Buckets {

  /** The lowest sweep mark. */
  static final int SWEEP_FLOOR = 1_024;

  /** Most buckets kept: about 450 bytes each with its key (measured), so 9 MB at most. */
  static final int MAX_BUCKETS = 20_000;

  private final TimeMeter time;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile int sweepAt = SWEEP_FLOOR;

  /** Buckets that read the time from {@code time}. */
  Buckets(TimeMeter time) {
    this.time = time;
  }

  /** The bucket kept for {@code key}, or null when none is (the key has a full bucket). */
  Bucket find(String key) {
    Held found = held.get(key);
    return found == null ? null : found.bucket();
  }

  /**
   * The bucket of {@code key} under {@code limit} (which limits): the one kept, or a new, full one
   * when none is kept or the one kept was made for another limit.
   */
  Bucket obtain(String key, RateLimit limit) {
    Held found = held.get(key);
    if (found != null && found.perSecond() == limit.perSecond()) {
      return found.bucket();
    }
    Held made = new Held(limit.perSecond(), bucket(limit));
    Held kept =
        held.merge(key, made, (old, fresh) -> old.perSecond() == fresh.perSecond() ? old : fresh);
    if (kept == made && held.size() >= sweepAt) {
      sweep();
    }
    return kept.bucket();
  }

  /** How many buckets are kept. */
  int size() {
    return held.size();
  }

  private Bucket bucket(RateLimit limit) {
    long perSecond = limit.perSecond();
    return Bucket.builder()
        .addLimit(
            bandwidth ->
                bandwidth.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }

  /** Drops the full buckets; one thread at a time, the others carry on meanwhile. */
  private void sweep() {
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      held.forEach(
          (key, entry) -> {
            if (entry.bucket().getAvailableTokens() >= entry.perSecond()) {
              held.remove(key, entry);
            }
          });
      if (held.size() > MAX_BUCKETS / 2) {
        held.clear();
      }
      sweepAt = Math.max(SWEEP_FLOOR, 2 * held.size());
    } finally {
      sweeping.set(false);
    }
  }

  /** A bucket and the limit it was made for. */
  private record Held(int perSecond, Bucket bucket) {}
}
