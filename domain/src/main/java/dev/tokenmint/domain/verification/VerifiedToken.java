package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.token.VeltClaims;
import java.util.Objects;

/**
 * A token that passed every step of {@link VerificationPolicy}: the signature check that found its
 * key, algorithm and claims as signed, and those claims read with their types.
 */
public record VerifiedToken(SignatureCheck.Valid signature, VeltClaims claims)
    implements Verification {
  /** Both parts are required. */
  public VerifiedToken {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(claims, "claims");
  }
}
