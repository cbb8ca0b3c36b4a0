package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stored grants in memory, for embedders and tests. Thread-safe. */
public final class InMemoryGrantStore implements GrantStore {

  private final Map<String, Map<String, GrantSet>> byWorkspace = new ConcurrentHashMap<>();

  @Override
  public GrantSet grantsOf(String workspaceId, String userId) {
    return byWorkspace.getOrDefault(workspaceId, Map.of()).getOrDefault(userId, GrantSet.empty());
  }

  /** Stores {@code grant} for the user, replacing a stored grant on the same resource. */
  public void put(String workspaceId, String userId, Grant grant) {
    byWorkspace
        .computeIfAbsent(workspaceId, id -> new ConcurrentHashMap<>())
        .compute(
            userId,
            (id, stored) -> {
              List<Grant> next = new ArrayList<>();
              next.add(grant);
              if (stored != null) {
                stored.asList().stream()
                    .filter(g -> !g.resource().equals(grant.resource()))
                    .forEach(next::add);
              }
              return GrantSet.of(next);
            });
  }
}
