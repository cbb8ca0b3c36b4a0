package dev.tokenmint.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.token.TokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimRulesTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final long NOW_SECONDS = NOW.getEpochSecond();
  private static final Duration SKEW = Duration.ofSeconds(60);

  /** Claims valid at {@link #NOW}, plus {@code extra}. */
  private static TokenClaims claims(Map<String, Object> extra) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://tokenmint.test");
    claims.put("sub", "u1");
    claims.put("iat", NOW_SECONDS - 10);
    claims.put("exp", NOW_SECONDS + 3600);
    claims.put("jti", "jti-1");
    claims.putAll(extra);
    return new TokenClaims(claims);
  }

  /** Claims valid at {@link #NOW} without {@code name}. */
  private static TokenClaims without(String name) {
    Map<String, Object> claims = new LinkedHashMap<>(claims(Map.of()).asMap());
    claims.remove(name);
    return new TokenClaims(claims);
  }

  private static Optional<Refused> all(TokenClaims claims) {
    return ClaimRules.check(claims, NOW, SKEW, "https://tokenmint.test", Optional.empty());
  }

  private static Optional<Rejection> rejectionOf(TokenClaims claims) {
    return all(claims).map(Refused::rejection);
  }

  private static Optional<Refused> times(Map<String, Object> extra) {
    return ClaimRules.checkTimes(claims(extra), NOW, SKEW);
  }

  private static Optional<Refused> audience(Object aud, Optional<String> expected) {
    return ClaimRules.checkAudience(claims(Map.of("aud", aud)), expected);
  }

  // ---------------------------------------------------------------- nbf

  @Test
  void nbf_beyond_the_skew_is_not_yet_valid() {
    long nbf = NOW_SECONDS + 61;

    assertThat(times(Map.of("nbf", nbf)))
        .contains(new Refused(Rejection.NOT_YET_VALID, "nbf " + nbf + " is in the future"));
  }

  @Test
  void nbf_within_the_skew_is_accepted() {
    assertThat(times(Map.of("nbf", NOW_SECONDS + 60))).isEmpty();
    assertThat(times(Map.of("nbf", NOW_SECONDS + 1))).isEmpty();
  }

  @Test
  void nbf_in_the_past_is_accepted() {
    assertThat(times(Map.of("nbf", NOW_SECONDS - 3600))).isEmpty();
  }

  @Test
  void expiry_is_judged_before_nbf() {
    assertThat(times(Map.of("exp", NOW_SECONDS - 61, "nbf", NOW_SECONDS + 3600)))
        .map(Refused::rejection)
        .contains(Rejection.EXPIRED);
  }

  // ---------------------------------------------------------------- the Velt profile (RFC 8725
  // §3.12)

  @Test
  void claims_as_tokenmint_mints_them_pass_every_rule() {
    assertThat(all(claims(Map.of()))).isEmpty();
  }

  @Test
  void sub_jti_and_iat_are_required_with_their_types() {
    assertThat(rejectionOf(without("jti"))).contains(Rejection.MALFORMED);
    assertThat(rejectionOf(claims(Map.of("jti", 7L)))).contains(Rejection.MALFORMED);
    assertThat(rejectionOf(claims(Map.of("jti", "")))).contains(Rejection.MALFORMED);
    assertThat(rejectionOf(without("sub"))).contains(Rejection.MALFORMED);
    assertThat(rejectionOf(claims(Map.of("sub", List.of("u1"))))).contains(Rejection.MALFORMED);
    assertThat(rejectionOf(without("iat"))).contains(Rejection.MALFORMED);
    assertThat(rejectionOf(claims(Map.of("iat", String.valueOf(NOW_SECONDS)))))
        .contains(Rejection.MALFORMED);
    assertThat(all(without("jti")))
        .contains(new Refused(Rejection.MALFORMED, "the token has no jti string"));
  }

  @Test
  void a_time_claim_of_another_type_is_malformed_not_ignored() {
    assertThat(rejectionOf(claims(Map.of("nbf", String.valueOf(NOW_SECONDS + 3600)))))
        .contains(Rejection.MALFORMED);
    assertThat(rejectionOf(claims(Map.of("nbf", true)))).contains(Rejection.MALFORMED);
    assertThat(rejectionOf(claims(Map.of("exp", String.valueOf(NOW_SECONDS + 3600)))))
        .contains(Rejection.MALFORMED);
  }

  @Test
  void a_lifetime_beyond_48_hours_and_the_skew_is_malformed() {
    long iat = NOW_SECONDS - 10;
    long longest = iat + 48 * 3600 + 60;

    assertThat(all(claims(Map.of("exp", longest)))).isEmpty();
    assertThat(all(claims(Map.of("exp", longest + 1))))
        .contains(
            new Refused(
                Rejection.MALFORMED,
                "exp is 172861 s after iat; a token lives at most 172800 s (plus 60 s of clock"
                    + " skew)"));
  }

  @Test
  void an_iat_longer_ago_than_a_token_lives_is_expired_even_if_exp_is_not() {
    long oldest = NOW_SECONDS - 48 * 3600 - 60;
    // exp within the skew, and no further from iat than a token may live
    Map<String, Object> atTheEdge = Map.of("iat", oldest, "exp", NOW_SECONDS - 1);
    Map<String, Object> beyond = Map.of("iat", oldest - 1, "exp", NOW_SECONDS - 1);

    assertThat(all(claims(atTheEdge))).isEmpty();
    assertThat(all(claims(beyond)))
        .contains(
            new Refused(
                Rejection.EXPIRED,
                "issued at "
                    + (oldest - 1)
                    + ", longer ago than a token lives (172800 s plus 60 s"
                    + " of clock skew)"));
  }

  @Test
  void an_iat_in_the_future_beyond_the_skew_is_not_yet_valid() {
    Map<String, Object> ahead = Map.of("iat", NOW_SECONDS + 61, "exp", NOW_SECONDS + 3600);

    assertThat(rejectionOf(claims(ahead))).contains(Rejection.NOT_YET_VALID);
    assertThat(all(claims(Map.of("iat", NOW_SECONDS + 60)))).isEmpty();
  }

  @Test
  void times_are_judged_before_the_issuer_and_the_audience() {
    TokenClaims claims = claims(Map.of("exp", NOW_SECONDS - 61, "iss", "elsewhere", "aud", "x"));

    assertThat(rejectionOf(claims)).contains(Rejection.EXPIRED);
    assertThat(rejectionOf(claims(Map.of("iss", "elsewhere", "aud", "x"))))
        .contains(Rejection.WRONG_ISSUER);
  }

  // ---------------------------------------------------------------- aud

  @Test
  void no_aud_and_no_expected_audience_agree() {
    assertThat(ClaimRules.checkAudience(claims(Map.of()), Optional.empty())).isEmpty();
  }

  @Test
  void no_aud_when_an_audience_is_expected_is_wrong_audience() {
    assertThat(ClaimRules.checkAudience(claims(Map.of()), Optional.of("https://api.example")))
        .contains(
            new Refused(
                Rejection.WRONG_AUDIENCE,
                "the token names no audience; expected 'https://api.example'"));
  }

  @Test
  void aud_when_no_audience_is_expected_is_wrong_audience() {
    Refused expected =
        new Refused(
            Rejection.WRONG_AUDIENCE,
            "the token is meant for an audience and none is expected; name it to accept the token");

    assertThat(audience("https://api.example", Optional.empty())).contains(expected);
    assertThat(audience(List.of("a", "b"), Optional.empty())).contains(expected);
    assertThat(audience(List.of(), Optional.empty())).contains(expected);
  }

  @Test
  void aud_naming_the_expected_audience_is_accepted_as_a_string_or_in_an_array() {
    assertThat(audience("https://api.example", Optional.of("https://api.example"))).isEmpty();
    assertThat(
            audience(List.of("other", "https://api.example"), Optional.of("https://api.example")))
        .isEmpty();
  }

  @Test
  void aud_naming_other_audiences_is_wrong_audience() {
    Refused expected =
        new Refused(Rejection.WRONG_AUDIENCE, "aud does not name the expected audience 'mine'");

    assertThat(audience("theirs", Optional.of("mine"))).contains(expected);
    assertThat(audience(List.of("theirs", "MINE"), Optional.of("mine"))).contains(expected);
    assertThat(audience(List.of(), Optional.of("mine"))).contains(expected);
  }

  @Test
  void aud_of_another_shape_is_malformed_whatever_is_expected() {
    Refused malformed =
        new Refused(Rejection.MALFORMED, "aud must be a string or an array of strings");

    for (Optional<String> expected : List.of(Optional.<String>empty(), Optional.of("mine"))) {
      assertThat(audience(7L, expected)).contains(malformed);
      assertThat(audience(true, expected)).contains(malformed);
      assertThat(audience(List.of("mine", 7L), expected)).contains(malformed);
      assertThat(audience(Map.of("mine", true), expected)).contains(malformed);
    }
  }

  @Test
  void attributes_that_do_not_read_make_the_token_malformed() {
    Optional<Refused> broken =
        all(claims(Map.of("attributes", Map.of("rls", Map.of("clause", "1=1")))));

    assertThat(broken.map(Refused::rejection)).contains(Rejection.MALFORMED);
    assertThat(broken.orElseThrow().detail())
        .startsWith("its attributes are not valid: attributes.rls");
    assertThat(all(claims(Map.of("attributes", Map.of("region", "EU", "ratio", 0.5))))).isEmpty();
  }
}
