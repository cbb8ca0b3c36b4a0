package dev.tokenmint.application.port.in;

import java.util.Map;

/** Whether the service can serve requests now. */
public interface CheckReadiness {

  /** Each check by name with its outcome; ready when all are. */
  Readiness readiness();

  /** The outcome of the readiness checks: {@code checks} maps a name to "up" or why not. */
  record Readiness(boolean ready, Map<String, String> checks) {
    /** Copies the checks. */
    public Readiness {
      checks = Map.copyOf(checks);
    }
  }
}
