package dev.tokenmint.application.port.in;

import java.util.List;
import java.util.Optional;

/** The public keys that verify a workspace's tokens, for its JWKS. */
public interface PublishKeys {

  /**
   * The public JWKs (JSON objects, each with {@code kid}, {@code alg}, {@code use}) of every key of
   * the workspace that can still verify: the default workspace when {@code apiKey} is empty.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when no workspace has that API key
   */
  List<String> publicJwks(Optional<String> apiKey);
}
