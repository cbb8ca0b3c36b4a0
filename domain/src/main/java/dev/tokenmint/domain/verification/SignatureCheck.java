package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.token.TokenClaims;
import java.util.Objects;

/**
 * What checking a token's form and signature found: the key that verified it and the claims, or
 * why it was refused. Time, issuer and revocation are checked after this, by the use case.
 */
public sealed interface SignatureCheck permits SignatureCheck.Valid, SignatureCheck.Invalid {

  /** The signature verifies under the ring key {@code kid}; these are the token's claims. */
  record Valid(String kid, String algorithm, TokenClaims claims) implements SignatureCheck {
    /** Every part is required. */
    public Valid {
      Objects.requireNonNull(kid, "kid");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(claims, "claims");
    }
  }

  /** Refused for {@code rejection}; {@code detail} says more and is safe to show. */
  record Invalid(Rejection rejection, String detail) implements SignatureCheck {
    /** Both parts are required. */
    public Invalid {
      Objects.requireNonNull(rejection, "rejection");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
