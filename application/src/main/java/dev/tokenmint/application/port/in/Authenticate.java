package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.workspace.Caller;
import java.util.Optional;

/** Find out who is calling from the API key and auth token the request presented. */
public interface Authenticate {

  /**
   * The caller the pair belongs to.
   *
   * @throws dev.tokenmint.domain.failure.UnauthenticatedException when either part is missing, or
   *     the pair matches no live credential; the message never says which part was wrong
   */
  Caller authenticate(Optional<String> apiKey, Optional<String> authToken);
}
