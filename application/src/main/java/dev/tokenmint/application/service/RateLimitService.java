package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageRateLimits;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that decides which rate limit applies: a workspace's own per-credential limit wins
 * over the operator's default; failed authentications have the operator's limit alone.
 *
 * <p>A workspace's limit is read from the store with the request and remembered for {@code
 * cacheFor}, as {@link AuthenticationService} remembers a credential: a limit set by the command
 * line (another process) takes effect on this instance within that period.
 */
public final class RateLimitService implements ManageRateLimits {

  /** Most workspaces remembered; past it the memory starts over (only real workspaces get here). */
  static final int MAX_REMEMBERED = 10_000;

  private final WorkspaceStore workspaces;
  private final WorkspaceSettings settings;
  private final Transactions transactions;
  private final RateLimit defaultPerCredential;
  private final RateLimit failedAuthentications;
  private final Clock clock;
  private final Duration cacheFor;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  /**
   * A service with the operator's {@code defaultPerCredential} and {@code failedAuthentications}
   * limits, remembering each workspace's own limit for {@code cacheFor} on {@code clock} ({@link
   * Duration#ZERO}: never).
   *
   * @throws IllegalArgumentException when {@code cacheFor} is negative
   */
  public RateLimitService(
      WorkspaceStore workspaces,
      WorkspaceSettings settings,
      Transactions transactions,
      RateLimit defaultPerCredential,
      RateLimit failedAuthentications,
      Clock clock,
      Duration cacheFor) {
    if (cacheFor.isNegative()) {
      throw new IllegalArgumentException("cacheFor must not be negative");
    }
    this.workspaces = workspaces;
    this.settings = settings;
    this.transactions = transactions;
    this.defaultPerCredential = Objects.requireNonNull(defaultPerCredential);
    this.failedAuthentications = Objects.requireNonNull(failedAuthentications);
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  @Override
  public RateLimit perCredential(Workspace workspace) {
    String workspaceId = workspace.id();
    if (cacheFor.isZero()) {
      return applying(workspaceId);
    }
    Instant now = clock.instant();
    Remembered known = remembered.get(workspaceId);
    if (known != null && known.coversAt(now, cacheFor)) {
      return known.limit();
    }
    RateLimit limit = applying(workspaceId);
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(workspaceId, new Remembered(limit, now.plus(cacheFor)));
    return limit;
  }

  /** The rule: the workspace's own limit, else the operator's default. */
  private RateLimit applying(String workspaceId) {
    return settings.rateLimit(workspaceId).orElse(defaultPerCredential);
  }

  @Override
  public RateLimit failedAuthentications() {
    return failedAuthentications;
  }

  @Override
  public RateLimit defaultPerCredential() {
    return defaultPerCredential;
  }

  @Override
  public Optional<RateLimit> workspaceLimit(String apiKey) {
    return settings.rateLimit(workspace(apiKey).id());
  }

  @Override
  public void setWorkspaceLimit(String apiKey, Optional<RateLimit> limit) {
    transactions.run(() -> settings.setRateLimit(workspace(apiKey).id(), limit));
    remembered.clear();
  }

  private Workspace workspace(String apiKey) {
    return workspaces
        .findByApiKey(apiKey)
        .orElseThrow(() -> new NotFoundException("no workspace has API key " + apiKey));
  }

  private record Remembered(RateLimit limit, Instant until) {
    /** Within the period that ends at {@code until}; a clock set back ends it too. */
    boolean coversAt(Instant now, Duration period) {
      return now.isBefore(until) && !now.isBefore(until.minus(period));
    }
  }
}
