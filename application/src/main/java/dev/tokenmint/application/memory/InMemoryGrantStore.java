package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Stored grants in memory, for embedders and tests. Thread-safe. */
public final class InMemoryGrantStore implements GrantStore, InMemoryStore {

  private Map<WorkspaceUser, Map<Resource, Grant>> grants = new LinkedHashMap<>();

  @Override
  public synchronized GrantSet grantsOf(String workspaceId, String userId) {
    Map<Resource, Grant> stored = grants.get(new WorkspaceUser(workspaceId, userId));
    return stored == null ? GrantSet.empty() : GrantSet.of(new ArrayList<>(stored.values()));
  }

  @Override
  public synchronized void put(String workspaceId, String userId, Grant grant) {
    grants
        .computeIfAbsent(new WorkspaceUser(workspaceId, userId), k -> new LinkedHashMap<>())
        .put(grant.resource(), grant);
  }

  @Override
  public synchronized boolean remove(String workspaceId, String userId, Resource resource) {
    Map<Resource, Grant> stored = grants.get(new WorkspaceUser(workspaceId, userId));
    return stored != null && stored.remove(resource) != null;
  }

  @Override
  public synchronized int removeWithin(String workspaceId, String userId, String organizationId) {
    Map<Resource, Grant> stored = grants.get(new WorkspaceUser(workspaceId, userId));
    if (stored == null) {
      return 0;
    }
    int before = stored.size();
    stored.keySet().removeIf(resource -> resource.organizationId().equals(organizationId));
    return before - stored.size();
  }

  @Override
  public synchronized List<Member> members(
      String workspaceId, Resource scope, Optional<String> afterUserId, int limit) {
    TreeMap<String, Grant> byUser = new TreeMap<>(Comparator.naturalOrder());
    grants.forEach(
        (key, stored) -> {
          Grant grant = stored.get(scope);
          if (key.workspaceId().equals(workspaceId) && grant != null) {
            byUser.put(key.userId(), grant);
          }
        });
    Map<String, Grant> page = afterUserId.map(after -> byUser.tailMap(after, false)).orElse(byUser);
    return page.entrySet().stream()
        .limit(limit)
        .map(e -> new Member(e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public synchronized Object snapshot() {
    Map<WorkspaceUser, Map<Resource, Grant>> copy = new LinkedHashMap<>();
    grants.forEach((key, stored) -> copy.put(key, new LinkedHashMap<>(stored)));
    return copy;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    grants = (Map<WorkspaceUser, Map<Resource, Grant>>) snapshot;
  }
}
