package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Workspaces in memory, for embedders and tests. Thread-safe. */
public final class InMemoryWorkspaceStore implements WorkspaceStore {

  private final Map<String, Workspace> byApiKey = new ConcurrentHashMap<>();

  @Override
  public Optional<Workspace> findByApiKey(String apiKey) {
    return Optional.ofNullable(byApiKey.get(apiKey));
  }

  @Override
  public Optional<Workspace> findDefault() {
    return byApiKey.values().stream().filter(Workspace::isDefault).findFirst();
  }

  @Override
  public synchronized void create(Workspace workspace) {
    boolean taken =
        byApiKey.containsKey(workspace.apiKey())
            || byApiKey.values().stream().anyMatch(w -> w.id().equals(workspace.id()))
            || (workspace.isDefault() && findDefault().isPresent());
    if (taken) {
      throw new AlreadyExistsException("a workspace with this id, API key or default flag exists");
    }
    byApiKey.put(workspace.apiKey(), workspace);
  }
}
