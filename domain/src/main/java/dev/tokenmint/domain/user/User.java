package dev.tokenmint.domain.user;

import dev.tokenmint.domain.identifier.Identifier;
import java.util.Objects;
import java.util.Optional;

/** An end user of an application: the {@code userId} the application knows it by, and a profile. */
public record User(String userId, UserProfile profile) {

  /** {@code userId} must satisfy the {@link Identifier} rule. */
  public User {
    Identifier.require("userId", userId);
    Objects.requireNonNull(profile, "profile");
  }

  /**
   * This user as given in a request, over what is {@code stored} for the same id: the request wins
   * per field, and what it leaves out comes from the stored profile ({@link
   * UserProfile#updatedBy}). The one merge rule for the users API, Datafor's payload and minted
   * tokens. This user unchanged when nothing is stored.
   *
   * @throws IllegalArgumentException when {@code stored} is another user
   */
  public User over(Optional<User> stored) {
    if (stored.isEmpty()) {
      return this;
    }
    if (!stored.get().userId().equals(userId)) {
      throw new IllegalArgumentException("the stored user is another user");
    }
    return new User(userId, stored.get().profile().updatedBy(profile));
  }
}
