package dev.tokenmint.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tokenmint.domain.token.TokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VerificationPolicyTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ISSUER = "https://tokenmint.test";
  private static final VerificationPolicy POLICY =
      new VerificationPolicy(ISSUER, Optional.empty(), Duration.ofSeconds(60), 100);

  private final List<String> steps = new ArrayList<>();

  /** A signature step that records its call and finds the token signed, with {@code claims}. */
  private Function<String, SignatureCheck> signedWith(Map<String, Object> claims) {
    return token -> {
      steps.add("signature");
      return new SignatureCheck.Valid("kid-1", "ES256", new TokenClaims(claims));
    };
  }

  private static Map<String, Object> velt(Map<String, Object> extra) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", "u1");
    claims.put("iat", NOW.getEpochSecond());
    claims.put("exp", NOW.getEpochSecond() + 3600);
    claims.put("jti", "jti-1");
    claims.putAll(extra);
    return claims;
  }

  private boolean revoked(String jti) {
    steps.add("revocation of " + jti);
    return jti.equals("jti-revoked");
  }

  @Test
  void a_token_passing_every_step_is_verified_with_its_claims_typed() {
    Verification outcome = POLICY.verify("a.b.c", NOW, signedWith(velt(Map.of())), this::revoked);

    assertThat(outcome).isInstanceOf(VerifiedToken.class);
    VerifiedToken token = (VerifiedToken) outcome;
    assertThat(token.signature().kid()).isEqualTo("kid-1");
    assertThat(token.claims().subject()).isEqualTo("u1");
    assertThat(token.claims().expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(steps).containsExactly("signature", "revocation of jti-1");
  }

  @Test
  void size_comes_first_and_nothing_else_runs() {
    assertThat(POLICY.verify("x".repeat(101), NOW, signedWith(velt(Map.of())), this::revoked))
        .isEqualTo(new Refused(Rejection.TOO_LARGE, "larger than the limit of 100 bytes"));
    assertThat(POLICY.verify(null, NOW, signedWith(velt(Map.of())), this::revoked))
        .isEqualTo(new Refused(Rejection.MALFORMED, "no token"));
    assertThat(steps).isEmpty();
  }

  @Test
  void a_signature_refused_is_the_answer_as_it_is() {
    Refused forged = new Refused(Rejection.BAD_SIGNATURE, "the signature does not verify");

    assertThat(POLICY.verify("a.b.c", NOW, token -> forged, this::revoked)).isSameAs(forged);
    assertThat(steps).isEmpty();
  }

  @Test
  void the_claims_are_judged_before_revocation() {
    Map<String, Object> expiredAndRevoked =
        velt(Map.of("jti", "jti-revoked", "exp", NOW.getEpochSecond() - 61));

    assertThat(POLICY.verify("a.b.c", NOW, signedWith(expiredAndRevoked), this::revoked))
        .extracting(outcome -> ((Refused) outcome).rejection())
        .isEqualTo(Rejection.EXPIRED);
    assertThat(steps).containsExactly("signature");
  }

  @Test
  void a_revoked_jti_is_refused_last() {
    assertThat(
            POLICY.verify(
                "a.b.c", NOW, signedWith(velt(Map.of("jti", "jti-revoked"))), this::revoked))
        .isEqualTo(new Refused(Rejection.REVOKED, "token jti-revoked was revoked"));
  }

  @Test
  void a_token_exchanged_from_a_revoked_one_is_refused_whatever_the_generation() {
    Map<String, Object> child =
        velt(
            Map.of(
                "jti",
                "jti-child",
                "tokenmint_parent",
                "jti-revoked",
                "tokenmint_ancestors",
                List.of("jti-revoked")));
    Map<String, Object> greatGrandchild =
        velt(
            Map.of(
                "jti",
                "jti-3",
                "tokenmint_parent",
                "jti-2",
                "tokenmint_ancestors",
                List.of("jti-2", "jti-1", "jti-revoked")));

    assertThat(POLICY.verify("a.b.c", NOW, signedWith(child), this::revoked))
        .isEqualTo(
            new Refused(
                Rejection.REVOKED,
                "token jti-child was exchanged from jti-revoked, which was revoked"));
    steps.clear();
    assertThat(POLICY.verify("a.b.c", NOW, signedWith(greatGrandchild), this::revoked))
        .isEqualTo(
            new Refused(
                Rejection.REVOKED,
                "token jti-3 was exchanged from jti-revoked, which was revoked"));
    assertThat(steps)
        .as("the token itself first, then its ancestors, the parent first")
        .containsExactly(
            "signature",
            "revocation of jti-3",
            "revocation of jti-2",
            "revocation of jti-1",
            "revocation of jti-revoked");
  }

  @Test
  void a_token_whose_ancestors_are_not_revoked_is_verified() {
    Map<String, Object> child =
        velt(
            Map.of(
                "jti",
                "jti-child",
                "tokenmint_parent",
                "jti-1",
                "tokenmint_ancestors",
                List.of("jti-1")));

    assertThat(POLICY.verify("a.b.c", NOW, signedWith(child), this::revoked))
        .isInstanceOf(VerifiedToken.class);
    assertThat(steps)
        .containsExactly("signature", "revocation of jti-child", "revocation of jti-1");
  }

  @Test
  void an_ancestry_that_does_not_read_is_malformed_before_revocation_is_asked() {
    Map<String, Object> hidden =
        velt(
            Map.of(
                "jti",
                "jti-child",
                "tokenmint_parent",
                "jti-revoked",
                "tokenmint_ancestors",
                "jti-revoked"));

    Verification outcome = POLICY.verify("a.b.c", NOW, signedWith(hidden), this::revoked);

    assertThat(outcome).isInstanceOf(Refused.class);
    assertThat(((Refused) outcome).rejection()).isEqualTo(Rejection.MALFORMED);
    assertThat(steps).containsExactly("signature");
  }

  @Test
  void a_negative_skew_or_no_size_limit_is_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new VerificationPolicy(ISSUER, Optional.empty(), Duration.ofSeconds(-1), 100));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new VerificationPolicy(ISSUER, Optional.empty(), Duration.ZERO, 0));
  }
}
