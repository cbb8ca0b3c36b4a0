package dev.tokenmint.bench.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of answered requests and the requests that failed, collected by several threads. */
final class Latencies {

  private final List<Long> micros = new ArrayList<>();
  private long errors;
  private final List<String> firstErrors = new ArrayList<>();

  synchronized void answered(long startNanos) {
    micros.add((System.nanoTime() - startNanos) / 1_000);
  }

  synchronized void failed(String what) {
    errors++;
    if (firstErrors.size() < 3) {
      firstErrors.add(what);
    }
  }

  synchronized long count() {
    return micros.size();
  }

  synchronized long errors() {
    return errors;
  }

  /** The {@code p}-th percentile in milliseconds (0 when nothing was answered). */
  synchronized double percentile(double p) {
    if (micros.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
  }

  /** {@code N answered, p50 …, p99 …, max … ms, E errors (first: …)}. */
  synchronized String summary() {
    return String.format(
        "%d answered, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors%s",
        micros.size(),
        percentile(50),
        percentile(99),
        percentile(100),
        errors,
        firstErrors.isEmpty() ? "" : " (" + String.join(" | ", firstErrors) + ")");
  }
}
