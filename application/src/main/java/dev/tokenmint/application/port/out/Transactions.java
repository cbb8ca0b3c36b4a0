package dev.tokenmint.application.port.out;

import java.util.function.Supplier;

/**
 * Runs a unit of work atomically across stores: every write in it lands, or none does. Nested calls
 * join the outer unit.
 */
public interface Transactions {

  /**
   * Runs {@code work} in one transaction and returns its result.
   *
   * @throws dev.tokenmint.domain.failure.UnavailableException when the store is unreachable
   */
  <T> T inTransaction(Supplier<T> work);

  /** Runs {@code work} in one transaction. */
  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
