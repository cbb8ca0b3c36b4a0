package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Workspaces in memory, for embedders and tests. Thread-safe. */
public final class InMemoryWorkspaceStore extends InMemoryMap<String, Workspace>
    implements WorkspaceStore {

  @Override
  public synchronized Optional<Workspace> findByApiKey(String apiKey) {
    return Optional.ofNullable(entries().get(apiKey));
  }

  @Override
  public synchronized Optional<Workspace> findDefault() {
    return entries().values().stream().filter(Workspace::isDefault).findFirst();
  }

  @Override
  public synchronized List<Workspace> list() {
    return entries().values().stream()
        .sorted(Comparator.comparing(Workspace::name).thenComparing(Workspace::apiKey))
        .toList();
  }

  @Override
  public synchronized void create(Workspace workspace) {
    boolean taken =
        entries().containsKey(workspace.apiKey())
            || entries().values().stream().anyMatch(w -> w.id().equals(workspace.id()))
            || (workspace.isDefault() && findDefault().isPresent());
    if (taken) {
      throw new AlreadyExistsException("a workspace with this id, API key or default flag exists");
    }
    entries().put(workspace.apiKey(), workspace);
  }

  @Override
  public void assignMissingIssuers(String baseIssuer) {
    // every workspace held here was created with its issuer
  }
}
