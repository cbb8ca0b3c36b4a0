package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.token.Lineage;
import dev.tokenmint.domain.token.VeltClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a tokenmint token is verified: the one sequence behind verify_token, check_access and the
 * embeddable verifier, for tokens of {@code issuer} meant for {@code audience} (none: tokenmint's
 * own tokens name no audience). The first step that fails is the answer:
 *
 * <ol>
 *   <li><b>size</b>: a token at all ({@code malformed}), of at most {@code maxTokenBytes} ({@code
 *       too_large}), before anything is parsed;
 *   <li><b>signature</b>: form, header and signature against the keys the caller trusts ({@link
 *       SignatureCheck}: the workspace's ring, or a published JWKS);
 *   <li><b>claims</b>: {@link ClaimRules}, the Velt profile's claims, then times with {@code
 *       clockSkew} either way, issuer, audience;
 *   <li><b>revocation</b>: the token's {@code jti} and those of the tokens it was exchanged from
 *       ({@link Lineage}), where the caller knows revoked ids.
 * </ol>
 *
 * <p>What passes is a {@link VerifiedToken}, its claims typed ({@link VeltClaims}).
 */
public record VerificationPolicy(
    String issuer, Optional<String> audience, Duration clockSkew, int maxTokenBytes) {

  /** Issuer and audience are required; the skew is not negative; the size limit is positive. */
  public VerificationPolicy {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    if (clockSkew.isNegative() || maxTokenBytes < 1) {
      throw new IllegalArgumentException(
          "clock skew must not be negative and max token bytes must be positive");
    }
  }

  /**
   * {@code token} verified at {@code now}, or the first reason to refuse it. Never throws for any
   * token string; what the steps given throw (a key set that cannot be read) passes through.
   *
   * @param signature the signature step: checks form, header and signature against the trusted keys
   * @param revoked whether a {@code jti} is revoked now ({@code jti -> false} where no revocation
   *     list is known)
   */
  public Verification verify(
      String token,
      Instant now,
      Function<String, SignatureCheck> signature,
      Predicate<String> revoked) {
    Optional<Refused> unfit = checkSize(token);
    if (unfit.isPresent()) {
      return unfit.get();
    }
    SignatureCheck signed = signature.apply(token);
    if (!(signed instanceof SignatureCheck.Valid valid)) {
      return (Refused) signed;
    }
    Optional<Refused> broken = ClaimRules.check(valid.claims(), now, clockSkew, issuer, audience);
    if (broken.isPresent()) {
      return broken.get();
    }
    VerifiedToken verified = new VerifiedToken(valid, VeltClaims.read(valid.claims()));
    String jti = verified.claims().jti();
    if (revoked.test(jti)) {
      return new Refused(Rejection.REVOKED, "token " + jti + " was revoked");
    }
    // A token exchanged from a revoked one is revoked with it, whatever the generation.
    for (String ancestor : Lineage.ancestorsOf(valid.claims())) {
      if (revoked.test(ancestor)) {
        return new Refused(
            Rejection.REVOKED,
            "token " + jti + " was exchanged from " + ancestor + ", which was revoked");
      }
    }
    return verified;
  }

  private Optional<Refused> checkSize(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.of(new Refused(Rejection.MALFORMED, "no token"));
    }
    if (token.length() > maxTokenBytes) {
      return Optional.of(
          new Refused(Rejection.TOO_LARGE, "larger than the limit of " + maxTokenBytes + " bytes"));
    }
    return Optional.empty();
  }
}
