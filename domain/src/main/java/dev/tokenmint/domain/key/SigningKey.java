package dev.tokenmint.domain.key;

import dev.tokenmint.domain.failure.Required;
import java.time.Instant;

/**
 * A key of a workspace's ring. {@code kid} is its RFC 7638 thumbprint. {@code publicJwk} is the
 * JSON JWK of its public part (empty for a symmetric key, which has none); {@code privateJwk} is
 * the whole key as the key generator hands it out: sealed (encrypted under the master key by the
 * crypto adapter) and opaque to everything else. {@link #toString()} never shows it.
 */
public record SigningKey(
    String kid,
    SigningAlgorithm algorithm,
    KeyStatus status,
    Instant createdAt,
    String publicJwk,
    String privateJwk) {

  /** Every part is required; {@code publicJwk} is empty exactly for symmetric keys. */
  public SigningKey {
    Required.all(kid, algorithm, status, createdAt, publicJwk, privateJwk);
    if (kid.isEmpty()) {
      throw new IllegalArgumentException("a signing key needs a kid");
    }
    if (algorithm.isSymmetric() != publicJwk.isEmpty()) {
      throw new IllegalArgumentException("only a symmetric key lacks a public JWK");
    }
  }

  /** The same key with another status. */
  public SigningKey withStatus(KeyStatus newStatus) {
    return new SigningKey(kid, algorithm, newStatus, createdAt, publicJwk, privateJwk);
  }

  /** True when the key may appear in a JWKS: it has a public part and still verifies. */
  public boolean isPublished() {
    return !algorithm.isSymmetric() && status != KeyStatus.RETIRED;
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", status=" + status + "]";
  }
}
