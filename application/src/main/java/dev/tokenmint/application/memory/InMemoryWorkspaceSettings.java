package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.RateLimit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workspace settings in memory, for embedders and tests. Thread-safe. It does not know which
 * workspaces exist, so it stores a setting for any id.
 */
public final class InMemoryWorkspaceSettings implements WorkspaceSettings, InMemoryStore {

  private Map<String, Set<SigningAlgorithm>> allowed = new HashMap<>();
  private Map<String, RateLimit> rateLimits = new HashMap<>();

  @Override
  public synchronized Optional<Set<SigningAlgorithm>> allowedAlgorithms(String workspaceId) {
    return Optional.ofNullable(allowed.get(workspaceId));
  }

  @Override
  public synchronized void setAllowedAlgorithms(
      String workspaceId, Set<SigningAlgorithm> algorithms) {
    allowed.put(workspaceId, Set.copyOf(algorithms));
  }

  @Override
  public synchronized Optional<RateLimit> rateLimit(String workspaceId) {
    return Optional.ofNullable(rateLimits.get(workspaceId));
  }

  @Override
  public synchronized void setRateLimit(String workspaceId, Optional<RateLimit> limit) {
    limit.ifPresentOrElse(
        value -> rateLimits.put(workspaceId, value), () -> rateLimits.remove(workspaceId));
  }

  @Override
  public synchronized Object snapshot() {
    return new State(new HashMap<>(allowed), new HashMap<>(rateLimits));
  }

  @Override
  public synchronized void restore(Object snapshot) {
    State state = (State) snapshot;
    allowed = new HashMap<>(state.allowed());
    rateLimits = new HashMap<>(state.rateLimits());
  }

  private record State(
      Map<String, Set<SigningAlgorithm>> allowed, Map<String, RateLimit> rateLimits) {}
}
