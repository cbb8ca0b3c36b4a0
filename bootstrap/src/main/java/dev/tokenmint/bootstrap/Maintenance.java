package dev.tokenmint.bootstrap;

import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.out.RevocationList;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.TokenmintException;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background upkeep, on one daemon thread: rotates each workspace's key once it is older than
 * {@code TOKENMINT_KEY_ROTATION_DAYS} (when set), and forgets revocations that have lapsed. Runs at
 * start, then every few minutes; a failed round (database down) is logged and retried next round.
 */
final class Maintenance implements AutoCloseable {

  /** How often a round runs. */
  static final Duration PERIOD = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "tokenmint-maintenance");
            thread.setDaemon(true);
            return thread;
          });
  private final WorkspaceStore workspaces;
  private final ManageKeys keys;
  private final RevocationList revocations;
  private final Clock clock;
  private final Optional<Duration> keyRotation;

  Maintenance(
      WorkspaceStore workspaces,
      ManageKeys keys,
      RevocationList revocations,
      Clock clock,
      Optional<Duration> keyRotation) {
    this.workspaces = workspaces;
    this.keys = keys;
    this.revocations = revocations;
    this.clock = clock;
    this.keyRotation = keyRotation;
  }

  /** Runs a round now and then every {@link #PERIOD}; returns this. */
  Maintenance start() {
    executor.scheduleWithFixedDelay(this::round, 0, PERIOD.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  /** One round: rotate what is due, forget lapsed revocations. A store failure skips the round. */
  void round() {
    try {
      keyRotation.ifPresent(
          maxAge -> {
            for (Workspace workspace : workspaces.list()) {
              if (keys.rotateIfOlderThan(workspace, maxAge)) {
                LOG.info("rotated the signing key of workspace {}", workspace.apiKey());
              }
            }
          });
      revocations.forgetExpired(clock.instant());
    } catch (TokenmintException e) {
      LOG.warn("maintenance round skipped: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
