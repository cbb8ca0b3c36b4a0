package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stored user profiles of every workspace, and their attributes. */
public interface UserDirectory {

  /** The user with this id in the workspace, if stored. */
  Optional<User> find(String workspaceId, String userId);

  /** The stored users among {@code userIds}, in no particular order. */
  List<User> findAll(String workspaceId, Collection<String> userIds);

  /** Creates the user, or replaces the stored profile of the same id. */
  void save(String workspaceId, User user);

  /**
   * The attributes stored for each of {@code userIds} that has any, by user id; a user without
   * attributes (or not stored at all) is left out.
   */
  Map<String, Attributes> attributesOf(String workspaceId, Collection<String> userIds);

  /**
   * Replaces the attributes stored for a saved user ({@link #save} first); empty attributes remove
   * them all.
   */
  void saveAttributes(String workspaceId, String userId, Attributes attributes);
}
