package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.user.AttributesUpdate;
import dev.tokenmint.domain.user.User;
import java.util.Objects;

/**
 * What to mint: the user with their profile, the grants named in the request, and what the request
 * says of the user's attributes for this token (over the stored ones; nothing is stored).
 */
public record MintTokenCommand(User user, GrantSet grants, AttributesUpdate attributes) {

  /** Every part is required. */
  public MintTokenCommand {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** A command whose token carries the user's stored attributes unchanged. */
  public MintTokenCommand(User user, GrantSet grants) {
    this(user, grants, AttributesUpdate.none());
  }
}
