package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** User profiles and their attributes in memory, for embedders and tests. Thread-safe. */
public final class InMemoryUserDirectory
    extends InMemoryMap<WorkspaceUser, InMemoryUserDirectory.Stored> implements UserDirectory {

  /** A user as stored: the profile, and the attributes kept beside it. */
  record Stored(User user, Attributes attributes) {}

  @Override
  public synchronized Optional<User> find(String workspaceId, String userId) {
    return Optional.ofNullable(entries().get(new WorkspaceUser(workspaceId, userId)))
        .map(Stored::user);
  }

  @Override
  public synchronized List<User> findAll(String workspaceId, Collection<String> userIds) {
    return userIds.stream()
        .distinct()
        .map(id -> entries().get(new WorkspaceUser(workspaceId, id)))
        .filter(Objects::nonNull)
        .map(Stored::user)
        .toList();
  }

  @Override
  public synchronized void save(String workspaceId, User user) {
    WorkspaceUser key = new WorkspaceUser(workspaceId, user.userId());
    Stored stored = entries().get(key);
    entries().put(key, new Stored(user, stored == null ? Attributes.empty() : stored.attributes()));
  }

  @Override
  public synchronized Map<String, Attributes> attributesOf(
      String workspaceId, Collection<String> userIds) {
    Map<String, Attributes> found = new LinkedHashMap<>();
    for (String userId : userIds) {
      Stored stored = entries().get(new WorkspaceUser(workspaceId, userId));
      if (stored != null && !stored.attributes().isEmpty()) {
        found.put(userId, stored.attributes());
      }
    }
    return found;
  }

  @Override
  public synchronized void saveAttributes(
      String workspaceId, String userId, Attributes attributes) {
    WorkspaceUser key = new WorkspaceUser(workspaceId, userId);
    Stored stored = entries().get(key);
    if (stored == null) {
      throw new IllegalStateException("attributes of a user who is not saved");
    }
    entries().put(key, new Stored(stored.user(), attributes));
  }
}
