package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.token.TokenClaims;
import java.util.Objects;

/**
 * What checking a token's form, header and signature found: the key that verified it and the
 * claims, or why it was refused. The claims' own rules come after this, in {@link
 * VerificationPolicy}.
 */
public sealed interface SignatureCheck permits SignatureCheck.Valid, Refused {

  /** The signature verifies under the key {@code kid}; these are the token's claims, unchecked. */
  record Valid(String kid, String algorithm, TokenClaims claims) implements SignatureCheck {
    /** Every part is required. */
    public Valid {
      Objects.requireNonNull(kid, "kid");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(claims, "claims");
    }
  }
}
