package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.workspace.Caller;

/** Mint a Velt-profile token for an end user of the caller's workspace. */
public interface MintToken {

  /**
   * Signs a token for the command's user with the request's grants merged over the stored ones (the
   * request wins on the same resource), with the workspace's active key, and records an audit
   * entry.
   *
   * @throws dev.tokenmint.domain.failure.PermissionDeniedException when the caller cannot mint
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException when the request carries more
   *     grants than a token may
   * @throws dev.tokenmint.domain.failure.ResourceExhaustedException when the token would exceed a
   *     limit once stored grants are merged
   */
  MintedToken mint(Caller caller, MintTokenCommand command);
}
