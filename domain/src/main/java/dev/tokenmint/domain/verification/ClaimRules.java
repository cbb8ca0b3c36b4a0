package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.token.TokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules a verified token's claims must meet, in one place: it has not expired, is already
 * valid, was issued by the expected issuer, and is meant for the expected audience. Clock skew is
 * allowed both ways.
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

  /**
   * A rejection unless {@code aud} and {@code expected} agree (RFC 7519 §4.1.3): a token that names
   * audiences is accepted only by a verifier expecting one of them, and a verifier expecting an
   * audience accepts only a token that names it. No {@code aud} and no expected audience agree.
   * An {@code aud} that is neither a string nor an array of strings is malformed.
   */
  public static Optional<SignatureCheck.Invalid> checkAudience(
      TokenClaims claims, Optional<String> expected) {
    Optional<Object> aud = claims.get("aud");
    if (aud.isEmpty()) {
      return expected.map(
          audience ->
              new SignatureCheck.Invalid(
                  Rejection.WRONG_AUDIENCE, "the token names no audience; expected '" + audience + "'"));
    }
    Optional<List<String>> audiences = audiences(aud.get());
    if (audiences.isEmpty()) {
      return Optional.of(
          new SignatureCheck.Invalid(
              Rejection.MALFORMED, "aud must be a string or an array of strings"));
    }
    if (expected.isEmpty()) {
      return Optional.of(
          new SignatureCheck.Invalid(
              Rejection.WRONG_AUDIENCE,
              "the token is meant for an audience and none is expected; name it to accept the token"));
    }
    if (audiences.get().contains(expected.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new SignatureCheck.Invalid(
            Rejection.WRONG_AUDIENCE, "aud does not name the expected audience '" + expected.get() + "'"));
  }

  /** The audiences an {@code aud} value names, when it has one of its two allowed shapes. */
  private static Optional<List<String>> audiences(Object aud) {
    if (aud instanceof String single) {
      return Optional.of(List.of(single));
    }
    if (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return Optional.of(list.stream().map(String.class::cast).toList());
    }
    return Optional.empty();
  }

  private static Optional<Long> seconds(TokenClaims claims, String name) {
    return claims.get(name).filter(Long.class::isInstance).map(Long.class::cast);
  }
}
