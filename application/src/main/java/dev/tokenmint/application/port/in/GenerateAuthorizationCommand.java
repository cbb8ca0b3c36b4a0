package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.user.User;
import java.util.Objects;

/**
 * A Datafor token request: the claim name ({@code name}), the caller's HMAC key ({@code
 * privateKey}, a secret), and the user built from the payload ({@code username} is the user id).
 * {@link #toString()} never shows the key.
 */
public record GenerateAuthorizationCommand(String tokenName, String privateKey, User user) {

  /** Every part is required (checked in detail by the use case). */
  public GenerateAuthorizationCommand {
    Objects.requireNonNull(user, "user");
  }

  @Override
  public String toString() {
    return "GenerateAuthorizationCommand[tokenName=" + tokenName + ", user=" + user.userId() + "]";
  }
}
