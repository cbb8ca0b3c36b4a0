package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.domain.key.SigningAlgorithm;
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
  public synchronized Object snapshot() {
    return new HashMap<>(allowed);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    allowed = new HashMap<>((Map<String, Set<SigningAlgorithm>>) snapshot);
  }
}
