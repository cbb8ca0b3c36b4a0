package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.user.User;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The stored user profiles of every workspace. */
public interface UserDirectory {

  /** The user with this id in the workspace, if stored. */
  Optional<User> find(String workspaceId, String userId);

  /** The stored users among {@code userIds}, in no particular order. */
  List<User> findAll(String workspaceId, Collection<String> userIds);

  /** Creates the user, or replaces the stored profile of the same id. */
  void save(String workspaceId, User user);
}
