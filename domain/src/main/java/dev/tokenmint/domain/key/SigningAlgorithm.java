package dev.tokenmint.domain.key;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The JWS algorithms tokenmint signs with. ES256 is the default. */
public enum SigningAlgorithm {
  ES256("ES256", false),
  EDDSA("EdDSA", false),
  RS256("RS256", false),
  PS256("PS256", false),
  HS256("HS256", true);

  private static final SigningAlgorithm[] VALUES = values();

  /** The algorithm a workspace signs with unless configured otherwise. */
  public static final SigningAlgorithm DEFAULT = ES256;

  /** The accepted JOSE names, in order, for error messages. */
  public static final List<String> JOSE_NAMES =
      Arrays.stream(values()).map(SigningAlgorithm::joseName).toList();

  private final String joseName;
  private final boolean symmetric;

  SigningAlgorithm(String joseName, boolean symmetric) {
    this.joseName = joseName;
    this.symmetric = symmetric;
  }

  /** The name in a JOSE header ({@code alg}). */
  public String joseName() {
    return joseName;
  }

  /** True for HMAC: its key is a secret and never appears in a JWKS. */
  public boolean isSymmetric() {
    return symmetric;
  }

  /** The algorithm with this exact JOSE name, if any. */
  public static Optional<SigningAlgorithm> fromJoseName(String name) {
    for (SigningAlgorithm algorithm : VALUES) {
      if (algorithm.joseName.equals(name)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
