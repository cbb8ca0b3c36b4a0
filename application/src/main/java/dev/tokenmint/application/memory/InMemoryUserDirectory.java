package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** User profiles and their attributes in memory, for embedders and tests. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory, InMemoryStore {

  private record Key(String workspaceId, String userId) {}

  private Map<Key, User> users = new HashMap<>();

  private Map<Key, Attributes> attributes = new HashMap<>();

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
  public synchronized Map<String, Attributes> attributesOf(
      String workspaceId, Collection<String> userIds) {
    Map<String, Attributes> found = new LinkedHashMap<>();
    for (String userId : userIds) {
      Attributes stored = attributes.get(new Key(workspaceId, userId));
      if (stored != null) {
        found.put(userId, stored);
      }
    }
    return found;
  }

  @Override
  public synchronized void saveAttributes(
      String workspaceId, String userId, Attributes userAttributes) {
    Key key = new Key(workspaceId, userId);
    if (!users.containsKey(key)) {
      throw new IllegalStateException("attributes of a user who is not saved");
    }
    if (userAttributes.isEmpty()) {
      attributes.remove(key);
    } else {
      attributes.put(key, userAttributes);
    }
  }

  private record State(Map<Key, User> users, Map<Key, Attributes> attributes) {}

  @Override
  public synchronized Object snapshot() {
    return new State(new HashMap<>(users), new HashMap<>(attributes));
  }

  @Override
  public synchronized void restore(Object snapshot) {
    State state = (State) snapshot;
    users = new HashMap<>(state.users());
    attributes = new HashMap<>(state.attributes());
  }
}
