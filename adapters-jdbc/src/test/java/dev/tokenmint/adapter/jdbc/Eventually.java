package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.domain.failure.UnavailableException;
import java.time.Duration;
import java.util.function.Supplier;

/** Waiting out a database outage in tests. */
final class Eventually {

  private Eventually() {}

  /** The first answer of {@code call} that is not {@link UnavailableException}, within 30 s. */
  static <T> T eventually(Supplier<T> call) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return call.get();
      } catch (UnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        // each failed call already waited for the pool's connection timeout: no sleep needed
      }
    }
  }
}
