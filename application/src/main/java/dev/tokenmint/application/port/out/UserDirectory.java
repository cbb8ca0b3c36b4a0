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

  /** Creates the user, or replaces the stored profile of the same id; its attributes stay. */
  void save(String workspaceId, User user);

  /**
   * Saves {@code given} over the stored user of the same id: a field it has replaces the stored
   * one, a field it leaves out keeps its stored value ({@link User#over}). How a request's profile
   * is kept, by every use case that keeps one.
   */
  default void merge(String workspaceId, User given) {
    save(workspaceId, given.over(find(workspaceId, given.userId())));
  }

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
