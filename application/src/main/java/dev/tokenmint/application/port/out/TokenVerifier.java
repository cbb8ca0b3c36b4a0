package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.verification.SignatureCheck;
import java.util.List;
import java.util.Set;

/** Checks a compact JWS's form, header and signature against a workspace's verifying keys. */
public interface TokenVerifier {

  /**
   * Parses {@code token} and verifies its signature with the key of {@code keys} its {@code kid}
   * names, refusing: anything malformed; {@code alg} {@code none}, outside {@code allowed}, or not
   * the named key's own algorithm (so a public key is never used as an HMAC secret); the headers
   * {@code jwk}, {@code jku}, {@code x5u}, {@code x5c} and {@code crit}; a {@code typ} other than
   * {@code JWT}; a missing or unknown {@code kid}. Never throws for any input string.
   */
  SignatureCheck check(String token, List<SigningKey> keys, Set<SigningAlgorithm> allowed);
}
