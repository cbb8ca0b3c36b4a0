package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.user.User;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** User profiles in memory, for embedders and tests. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory, InMemoryStore {

  private record Key(String workspaceId, String userId) {}

  private Map<Key, User> users = new HashMap<>();

  @Override
  public synchronized Optional<User> find(String workspaceId, String userId) {
    return Optional.ofNullable(users.get(new Key(workspaceId, userId)));
  }

  @Override
  public synchronized List<User> findAll(String workspaceId, Collection<String> userIds) {
    return userIds.stream()
        .distinct()
        .map(id -> users.get(new Key(workspaceId, id)))
        .filter(Objects::nonNull)
        .toList();
  }

  @Override
  public synchronized void save(String workspaceId, User user) {
    users.put(new Key(workspaceId, user.userId()), user);
  }

  @Override
  public synchronized Object snapshot() {
    return new HashMap<>(users);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    users = new HashMap<>((Map<Key, User>) snapshot);
  }
}
