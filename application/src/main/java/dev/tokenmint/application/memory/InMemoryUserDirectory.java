package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.user.User;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** User profiles in memory, for embedders and tests. Thread-safe. */
public final class InMemoryUserDirectory extends InMemoryMap<WorkspaceUser, User>
    implements UserDirectory {

  @Override
  public synchronized Optional<User> find(String workspaceId, String userId) {
    return Optional.ofNullable(entries().get(new WorkspaceUser(workspaceId, userId)));
  }

  @Override
  public synchronized List<User> findAll(String workspaceId, Collection<String> userIds) {
    return userIds.stream()
        .distinct()
        .map(id -> entries().get(new WorkspaceUser(workspaceId, id)))
        .filter(Objects::nonNull)
        .toList();
  }

  @Override
  public synchronized void save(String workspaceId, User user) {
    entries().put(new WorkspaceUser(workspaceId, user.userId()), user);
  }
}
