package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.token.Lineage;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltClaims;
import dev.tokenmint.domain.token.VeltProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules a Velt token's claims must meet once its signature holds: the claims step of {@link
 * VerificationPolicy}, for the service's verify_token and check_access and for the embeddable
 * verifier alike. The token carries the claims every tokenmint token carries, with their types; it
 * has not expired, is already valid, and lives no longer than a Velt token may; it was issued by
 * the expected issuer; it is meant for the expected audience. Clock skew is allowed both ways.
 *
 * <p>RFC 8725 asks a verifier to trust no received claim (§3.10), to validate issuer and subject
 * (§3.8) and audience (§3.9), and to apply rules that only its own kind of token passes (§3.12):
 * these are that kind's rules, so a JWT of another shape signed by a shared key is refused.
 */
public final class ClaimRules {

  /** The longest a token may live: the Velt profile's cap (48 h). */
  public static final Duration MAX_LIFETIME = VeltProfile.MAX_LIFETIME.cap();

  private ClaimRules() {}

  /**
   * The first rule {@code claims} break at {@code now}: the profile's claims ({@link
   * #checkProfile}), then times ({@link #checkTimes}), issuer, audience. Empty when all hold.
   */
  public static Optional<Refused> check(
      TokenClaims claims,
      Instant now,
      Duration skew,
      String expectedIssuer,
      Optional<String> expectedAudience) {
    return checkProfile(claims)
        .or(() -> checkTimes(claims, now, skew))
        .or(() -> checkIssuer(claims, expectedIssuer))
        .or(() -> checkAudience(claims, expectedAudience));
  }

  /**
   * A rejection ({@code malformed}) unless the claims every Velt token carries are there with their
   * types: {@code sub} and {@code jti} non-empty strings, {@code iat} integer seconds, and {@code
   * exp} and {@code nbf}, when present, integer seconds. A time claim of another type is never read
   * as absent: an unreadable {@code nbf} would otherwise be no {@code nbf} at all. A missing {@code
   * exp} is left to {@link #checkTimes}, which calls it expired. The grants must read exactly
   * ({@link VeltClaims#grantsOf}): a grant whose expiry or role cannot be read fails the token
   * rather than granting for ever, or as editor. So must the attributes ({@link
   * VeltClaims#attributesOf}), which a resource server filters rows by, and the {@link Lineage} of
   * an exchanged token: an ancestry that does not read could hide a revoked ancestor.
   */
  public static Optional<Refused> checkProfile(TokenClaims claims) {
    if (text(claims, "sub").isEmpty()) {
      return malformed("the token names no user (sub)");
    }
    if (text(claims, "jti").isEmpty()) {
      return malformed("the token has no jti string");
    }
    if (claims.integer("iat").isEmpty()) {
      return malformed("iat must be integer Unix seconds");
    }
    for (String name : new String[] {"exp", "nbf"}) {
      if (claims.get(name).isPresent() && claims.integer(name).isEmpty()) {
        return malformed(name + " must be integer Unix seconds");
      }
    }
    Optional<String> lineage = Lineage.problem(claims);
    if (lineage.isPresent()) {
      return malformed(lineage.get());
    }
    try {
      VeltClaims.grantsOf(claims);
    } catch (InvalidArgumentException e) {
      return malformed("its grants are not valid: " + e.getMessage());
    }
    try {
      VeltClaims.attributesOf(claims);
    } catch (InvalidArgumentException e) {
      return malformed("its attributes are not valid: " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * The first time rule {@code claims} break at {@code now}, with {@code skew} tolerated: {@code
   * exp} is required and not past; {@code iat} is no longer ago than a token lives ({@code
   * expired}), {@code exp} no further from {@code iat} than a token lives ({@code malformed}); and
   * neither {@code nbf} nor {@code iat} is in the future ({@code not_yet_valid}).
   */
  public static Optional<Refused> checkTimes(TokenClaims claims, Instant now, Duration skew) {
    Optional<Long> exp = claims.integer("exp");
    if (exp.isEmpty()) {
      return Optional.of(new Refused(Rejection.EXPIRED, "the token has no exp"));
    }
    long current = now.getEpochSecond();
    long tolerance = skew.getSeconds();
    if (current >= exp.get() + tolerance) {
      return Optional.of(new Refused(Rejection.EXPIRED, "expired at " + exp.get()));
    }
    Optional<Long> iat = claims.integer("iat");
    long longest = MAX_LIFETIME.getSeconds();
    String limit = longest + " s plus " + tolerance + " s of clock skew";
    if (iat.isPresent() && current - iat.get() > longest + tolerance) {
      // exp says the token is still alive, but no token of this issuer lives that long: an exp
      // pushed out, or a token issued with a clock far behind.
      return Optional.of(
          new Refused(
              Rejection.EXPIRED,
              "issued at " + iat.get() + ", longer ago than a token lives (" + limit + ")"));
    }
    if (iat.isPresent() && exp.get() - iat.get() > longest + tolerance) {
      return malformed(
          "exp is "
              + (exp.get() - iat.get())
              + " s after iat; a token lives at most "
              + longest
              + " s (plus "
              + tolerance
              + " s of clock skew)");
    }
    for (String name : new String[] {"nbf", "iat"}) {
      Optional<Long> notBefore = claims.integer(name);
      if (notBefore.isPresent() && current + tolerance < notBefore.get()) {
        return Optional.of(
            new Refused(
                Rejection.NOT_YET_VALID, name + " " + notBefore.get() + " is in the future"));
      }
    }
    return Optional.empty();
  }

  /** A rejection unless {@code iss} is exactly {@code expectedIssuer}. */
  public static Optional<Refused> checkIssuer(TokenClaims claims, String expectedIssuer) {
    if (claims.string("iss").filter(expectedIssuer::equals).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new Refused(Rejection.WRONG_ISSUER, "expected issuer " + expectedIssuer));
  }

  /**
   * A rejection unless {@code aud} and {@code expected} agree (RFC 7519 §4.1.3): a token that names
   * audiences is accepted only by a verifier expecting one of them, and a verifier expecting an
   * audience accepts only a token that names it. No {@code aud} and no expected audience agree. An
   * {@code aud} that is neither a string nor an array of strings is malformed.
   */
  public static Optional<Refused> checkAudience(TokenClaims claims, Optional<String> expected) {
    Optional<Object> aud = claims.get("aud");
    if (aud.isEmpty()) {
      return expected.map(
          audience ->
              new Refused(
                  Rejection.WRONG_AUDIENCE,
                  "the token names no audience; expected '" + audience + "'"));
    }
    Optional<List<String>> audiences = audiences(aud.get());
    if (audiences.isEmpty()) {
      return Optional.of(
          new Refused(Rejection.MALFORMED, "aud must be a string or an array of strings"));
    }
    if (expected.isEmpty()) {
      return Optional.of(
          new Refused(
              Rejection.WRONG_AUDIENCE,
              "the token is meant for an audience and none is expected; name it to accept the token"));
    }
    if (audiences.get().contains(expected.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Refused(
            Rejection.WRONG_AUDIENCE,
            "aud does not name the expected audience '" + expected.get() + "'"));
  }

  /** The audiences an {@code aud} value names, when it has one of its two allowed shapes. */
  private static Optional<List<String>> audiences(Object aud) {
    if (aud instanceof String single) {
      return Optional.of(List.of(single));
    }
    if (!(aud instanceof List<?> list)) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(list.size());
    for (Object element : list) {
      if (!(element instanceof String name)) {
        return Optional.empty();
      }
      names.add(name);
    }
    return Optional.of(names);
  }

  private static Optional<String> text(TokenClaims claims, String name) {
    return claims.string(name).filter(value -> !value.isEmpty());
  }

  private static Optional<Refused> malformed(String detail) {
    return Optional.of(new Refused(Rejection.MALFORMED, detail));
  }
}
