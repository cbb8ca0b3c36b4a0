package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.workspace.Caller;

/** Mint a Datafor-profile token and keep the payload's user profile (Datafor's inituser). */
public interface GenerateAuthorization {

  /**
   * Signs {@code {"<name>": <username>, "exp": …}} with HS256 under the command's key, then creates
   * or updates the stored user profile from the payload. The password, if any, is not kept.
   *
   * @throws dev.tokenmint.domain.failure.PermissionDeniedException when the caller is not an admin
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException when the key is too short or a
   *     field breaks its rule
   */
  MintedToken generate(Caller caller, GenerateAuthorizationCommand command);
}
