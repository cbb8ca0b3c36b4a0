package dev.tokenmint.adapter.crypto;

import static dev.tokenmint.adapter.crypto.TestRing.ALL;
import static dev.tokenmint.adapter.crypto.TestRing.ES256;
import static dev.tokenmint.adapter.crypto.TestRing.ES256_OTHER;
import static dev.tokenmint.adapter.crypto.TestRing.KEYS;
import static dev.tokenmint.adapter.crypto.TestRing.MASTER_KEY;
import static dev.tokenmint.adapter.crypto.TestRing.forge;
import static dev.tokenmint.adapter.crypto.TestRing.mint;
import static dev.tokenmint.adapter.crypto.TestRing.privateJwk;
import static dev.tokenmint.adapter.crypto.TestRing.validToken;
import static dev.tokenmint.adapter.crypto.TestRing.veltClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.SignatureCheck;
import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NimbusTokenVerifierTest {

  private final NimbusTokenVerifier verifier = new NimbusTokenVerifier(MASTER_KEY);

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void tokens_minted_by_the_signer_verify_with_their_claims_unchanged(SigningAlgorithm algorithm) {
    SigningKey key =
        KEYS.stream().filter(k -> k.algorithm() == algorithm).findFirst().orElseThrow();
    TokenClaims signed = veltClaims();

    SignatureCheck check = verifier.check(mint(key, signed), KEYS, ALL);

    assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
    SignatureCheck.Valid valid = (SignatureCheck.Valid) check;
    assertThat(valid.kid()).isEqualTo(key.kid());
    assertThat(valid.algorithm()).isEqualTo(algorithm.joseName());
    assertThat(valid.claims()).isEqualTo(signed);
    assertThat(valid.claims().asMap()).containsExactlyEntriesOf(signed.asMap());
    assertThat(valid.claims().asMap()).hasToString(signed.asMap().toString());
  }

  @Test
  void a_retiring_key_still_verifies() {
    assertThat(ES256_OTHER.status()).isEqualTo(KeyStatus.RETIRING);

    SignatureCheck check = verifier.check(mint(ES256_OTHER, veltClaims()), KEYS, ALL);

    assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
    assertThat(((SignatureCheck.Valid) check).kid()).isEqualTo(ES256_OTHER.kid());
  }

  @Test
  void the_same_key_once_retired_no_longer_verifies() {
    String token = mint(ES256_OTHER, veltClaims());
    List<SigningKey> retired = List.of(ES256, ES256_OTHER.withStatus(KeyStatus.RETIRED));

    SignatureCheck check = verifier.check(token, retired, ALL);

    assertThat(check)
        .isEqualTo(
            new Refused(
                Rejection.UNKNOWN_KEY, "kid '" + ES256_OTHER.kid() + "' is not a verifying key"));
  }

  @Test
  void tokens_signed_by_an_independent_library_verify() throws JOSEException {
    PrivateKey es = privateJwk(ES256).toECKey().toPrivateKey();
    String token =
        Jwts.builder()
            .header()
            .keyId(ES256.kid())
            .type("JWT")
            .and()
            .subject("user123")
            .claim("permissions", Map.of("resources", List.of()))
            .signWith(es, Jwts.SIG.ES256)
            .compact();

    SignatureCheck check = verifier.check(token, KEYS, ALL);

    assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
    assertThat(((SignatureCheck.Valid) check).claims().get("sub")).contains("user123");
  }

  @Test
  void typ_is_required_and_compared_without_case() {
    String claims = "{\"sub\":\"u\"}";

    assertThat(
            verifier.check(
                forge("{\"alg\":\"ES256\",\"kid\":\"" + ES256.kid() + "\"}", claims, ES256),
                KEYS,
                ALL))
        .isEqualTo(new Refused(Rejection.WRONG_TYPE, "typ must be JWT; the header has none"));
    assertThat(
            verifier.check(
                forge(
                    "{\"alg\":\"ES256\",\"typ\":\"jwt\",\"kid\":\"" + ES256.kid() + "\"}",
                    claims,
                    ES256),
                KEYS,
                ALL))
        .isInstanceOf(SignatureCheck.Valid.class);
  }

  @Test
  void integral_numbers_in_any_json_spelling_become_longs() {
    String token =
        forge(
            "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + ES256.kid() + "\"}",
            "{\"exp\":1.777464E9,\"n\":-0.0,\"list\":[1,2.0],\"nested\":{\"big\":9007199254740993}}",
            ES256);

    SignatureCheck.Valid valid = (SignatureCheck.Valid) verifier.check(token, KEYS, ALL);

    assertThat(valid.claims().asMap())
        .containsExactly(
            Map.entry("exp", 1_777_464_000L),
            Map.entry("n", 0L),
            Map.entry("list", List.of(1L, 2L)),
            Map.entry("nested", Map.of("big", 9_007_199_254_740_993L)));
  }

  @Test
  void numbers_beyond_a_long_are_malformed() {
    String token =
        forge(
            "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + ES256.kid() + "\"}",
            "{\"exp\":1e19}",
            ES256);

    assertThat(verifier.check(token, KEYS, ALL))
        .extracting(check -> ((Refused) check).rejection())
        .isEqualTo(Rejection.MALFORMED);
  }

  @Test
  void another_key_presented_under_a_known_kid_is_not_checked_with_the_cached_verifier() {
    String token = validToken();
    assertThat(verifier.check(token, KEYS, ALL)).isInstanceOf(SignatureCheck.Valid.class);
    SigningKey impostor =
        new SigningKey(
            ES256.kid(),
            ES256.algorithm(),
            KeyStatus.ACTIVE,
            ES256.createdAt(),
            TestRing.FOREIGN.publicJwk(),
            TestRing.FOREIGN.privateJwk());

    SignatureCheck check = verifier.check(token, List.of(impostor), ALL);

    assertThat(check).isInstanceOf(Refused.class);
    assertThat(((Refused) check).rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
  }

  @Test
  void no_prefix_of_a_valid_token_verifies_and_none_throws() {
    String token = validToken();
    List<Rejection> rejections = new ArrayList<>();

    for (int end = 0; end < token.length(); end++) {
      SignatureCheck check = verifier.check(token.substring(0, end), KEYS, ALL);
      assertThat(check).as("prefix of length %d", end).isInstanceOf(Refused.class);
      rejections.add(((Refused) check).rejection());
    }

    assertThat(rejections).contains(Rejection.MALFORMED, Rejection.BAD_SIGNATURE);
  }

  @Test
  void changing_any_character_of_header_or_claims_breaks_the_token() {
    String token = validToken();
    int signatureStart = token.lastIndexOf('.');

    for (int i = 0; i < signatureStart; i++) {
      char original = token.charAt(i);
      for (char replacement : new char[] {original == 'A' ? 'B' : 'A', '.', '-', '=', 'é'}) {
        if (replacement == original) {
          continue;
        }
        String changed = token.substring(0, i) + replacement + token.substring(i + 1);
        assertThat(verifier.check(changed, KEYS, ALL))
            .as("'%s' at %d", replacement, i)
            .isInstanceOf(Refused.class);
      }
    }
  }

  @Test
  void an_hs256_ring_key_the_master_key_cannot_open_is_an_operator_error_not_a_bad_token() {
    NimbusTokenVerifier stranger = new NimbusTokenVerifier(MasterKey.generate());
    String token = mint(TestRing.HS256, veltClaims());

    assertThatThrownBy(() -> stranger.check(token, KEYS, ALL))
        .isInstanceOf(SealedKeyException.class)
        .hasMessageContaining(TestRing.HS256.kid());
  }

  @Test
  void a_verifier_for_public_keys_only_cannot_open_hs256_ring_keys() {
    String token = mint(TestRing.HS256, veltClaims());

    assertThatThrownBy(
            () ->
                NimbusTokenVerifier.forPublicKeys(CryptoProviders.fastest(true))
                    .check(token, KEYS, ALL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no master key");
  }
}
