package dev.tokenmint.domain.user;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import java.util.Objects;

/** An end user of an application: the {@code userId} the application knows it by, and a profile. */
public record User(String userId, UserProfile profile) {

  /** {@code userId} must satisfy the {@link Identifier} rule. */
  public User {
    Violations violations = new Violations();
    Identifier.check(violations, "userId", userId);
    violations.throwIfAny();
    Objects.requireNonNull(profile, "profile");
  }
}
