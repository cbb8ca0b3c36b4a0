package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.token.TokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules a verified token's claims must meet, in one place: it has not expired, is already
 * valid, and was issued by the expected issuer. Clock skew is allowed both ways.
 */
public final class ClaimRules {

  private ClaimRules() {}

  /** The first time rule {@code claims} break at {@code now}, with {@code skew} tolerated. */
  public static Optional<SignatureCheck.Invalid> checkTimes(TokenClaims claims, Instant now, Duration skew) {
    Optional<Long> exp = seconds(claims, "exp");
    if (exp.isEmpty()) {
      return Optional.of(new SignatureCheck.Invalid(Rejection.EXPIRED, "the token has no exp"));
    }
    long current = now.getEpochSecond();
    long tolerance = skew.getSeconds();
    if (current >= exp.get() + tolerance) {
      return Optional.of(new SignatureCheck.Invalid(Rejection.EXPIRED, "expired at " + exp.get()));
    }
    for (String name : new String[] {"nbf", "iat"}) {
      Optional<Long> notBefore = seconds(claims, name);
      if (notBefore.isPresent() && current + tolerance < notBefore.get()) {
        return Optional.of(
            new SignatureCheck.Invalid(
                Rejection.NOT_YET_VALID, name + " " + notBefore.get() + " is in the future"));
      }
    }
    return Optional.empty();
  }

  /** A rejection unless {@code iss} is exactly {@code expectedIssuer}. */
  public static Optional<SignatureCheck.Invalid> checkIssuer(TokenClaims claims, String expectedIssuer) {
    Object issuer = claims.get("iss").orElse(null);
    if (expectedIssuer.equals(issuer)) {
      return Optional.empty();
    }
    return Optional.of(
        new SignatureCheck.Invalid(Rejection.WRONG_ISSUER, "expected issuer " + expectedIssuer));
  }

  private static Optional<Long> seconds(TokenClaims claims, String name) {
    return claims.get(name).filter(Long.class::isInstance).map(Long.class::cast);
  }
}
