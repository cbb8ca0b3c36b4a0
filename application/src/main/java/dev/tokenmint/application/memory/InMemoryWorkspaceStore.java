package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Workspaces in memory, for embedders and tests. Thread-safe. */
public final class InMemoryWorkspaceStore implements WorkspaceStore, InMemoryStore {

  private Map<String, Workspace> byApiKey = new LinkedHashMap<>();

  @Override
  public synchronized Optional<Workspace> findByApiKey(String apiKey) {
    return Optional.ofNullable(byApiKey.get(apiKey));
  }

  @Override
  public synchronized Optional<Workspace> findDefault() {
    return byApiKey.values().stream().filter(Workspace::isDefault).findFirst();
  }

  @Override
  public synchronized List<Workspace> list() {
    return byApiKey.values().stream()
        .sorted(Comparator.comparing(Workspace::name).thenComparing(Workspace::apiKey))
        .toList();
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

  @Override
  public void assignMissingIssuers(String baseIssuer) {
    // every workspace held here was created with its issuer
  }

  @Override
  public synchronized Object snapshot() {
    return new LinkedHashMap<>(byApiKey);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    byApiKey = new LinkedHashMap<>((Map<String, Workspace>) snapshot);
  }
}
