package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.key.SharedSecret;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.TokenHeader;

/**
 * Turns a header and claims into a compact JWS. Header and claims are serialized in their order.
 */
public interface TokenSigner {

  /**
   * Signs with a key of a workspace's ring; the header's {@code alg} must be the key's algorithm.
   *
   * @throws IllegalArgumentException when header and key disagree
   */
  String sign(TokenHeader header, TokenClaims claims, SigningKey key);

  /** Signs with HS256 under a caller-supplied secret (which the caller has already checked). */
  String sign(TokenHeader header, TokenClaims claims, SharedSecret secret);
}
