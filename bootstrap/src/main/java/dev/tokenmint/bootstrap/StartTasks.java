package dev.tokenmint.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The parts of a start made on other threads, joined back on the one that starts. */
public final class StartTasks {

  private StartTasks() {}

  /**
   * What {@code future} made, or the failure that stopped it, thrown as it was thrown on its thread
   * (so that a start refused there is reported as if refused here: one line, its own exit code).
   */
  public static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
