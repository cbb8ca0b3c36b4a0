package dev.tokenmint.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

  private static final Instant CREATED = Instant.parse("2026-04-27T12:00:00Z");
  private static final String PUBLIC_JWK =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"x\",\"y\":\"y\"}";
  private static final String PRIVATE_JWK =
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"x\",\"y\":\"y\",\"d\":\"SECRET_D\"}";

  private static SigningKey ecKey(KeyStatus status) {
    return new SigningKey(
        "kid_1", SigningAlgorithm.ES256, status, CREATED, PUBLIC_JWK, PRIVATE_JWK);
  }

  @Test
  void to_string_never_shows_the_private_key() {
    assertThat(ecKey(KeyStatus.ACTIVE).toString()).contains("kid_1").doesNotContain("SECRET_D");
  }

  @Test
  void active_and_retiring_asymmetric_keys_are_published_retired_ones_are_not() {
    assertThat(ecKey(KeyStatus.ACTIVE).isPublished()).isTrue();
    assertThat(ecKey(KeyStatus.RETIRING).isPublished()).isTrue();
    assertThat(ecKey(KeyStatus.RETIRED).isPublished()).isFalse();
  }

  @Test
  void symmetric_keys_have_no_public_part_and_are_never_published() {
    SigningKey hmac =
        new SigningKey(
            "kid_h", SigningAlgorithm.HS256, KeyStatus.ACTIVE, CREATED, "", "{\"k\":\"s\"}");

    assertThat(hmac.isPublished()).isFalse();
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new SigningKey(
                    "kid_h", SigningAlgorithm.HS256, KeyStatus.ACTIVE, CREATED, PUBLIC_JWK, "{}"));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new SigningKey(
                    "kid_1", SigningAlgorithm.ES256, KeyStatus.ACTIVE, CREATED, "", "{}"));
  }

  @Test
  void with_status_changes_only_the_status() {
    SigningKey retiring = ecKey(KeyStatus.ACTIVE).withStatus(KeyStatus.RETIRING);

    assertThat(retiring).isEqualTo(ecKey(KeyStatus.RETIRING));
  }

  @Test
  void algorithms_are_found_by_their_exact_jose_name() {
    assertThat(SigningAlgorithm.fromJoseName("EdDSA")).contains(SigningAlgorithm.EDDSA);
    assertThat(SigningAlgorithm.fromJoseName("es256")).isEmpty();
    assertThat(SigningAlgorithm.fromJoseName("none")).isEmpty();
    assertThat(SigningAlgorithm.DEFAULT).isEqualTo(SigningAlgorithm.ES256);
  }
}
