package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.user.User;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** User profiles in memory, for embedders and tests. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory {

  private final Map<String, Map<String, User>> byWorkspace = new ConcurrentHashMap<>();

  @Override
  public Optional<User> find(String workspaceId, String userId) {
    return Optional.ofNullable(byWorkspace.getOrDefault(workspaceId, Map.of()).get(userId));
  }

  @Override
  public void save(String workspaceId, User user) {
    byWorkspace.computeIfAbsent(workspaceId, id -> new ConcurrentHashMap<>()).put(user.userId(), user);
  }
}
