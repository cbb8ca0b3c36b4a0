package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.user.User;
import java.util.Objects;

/** What to mint: the user with their profile, and the grants named in the request. */
public record MintTokenCommand(User user, GrantSet grants) {

  /** Both parts are required. */
  public MintTokenCommand {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(grants, "grants");
  }
}
