package dev.tokenmint.domain.key;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SharedSecretTest {

  private static final String KEY_32 = "0123456789abcdef0123456789abcdef";
  private static final String KEY_31 = KEY_32.substring(1);

  @Test
  void key_of_32_bytes_is_accepted() {
    SharedSecret secret = SharedSecret.of("privateKey", KEY_32, false);

    assertThat(secret.length()).isEqualTo(32);
    assertThat(secret.bytes()).isEqualTo(KEY_32.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void key_of_31_bytes_is_refused_citing_256_bits_and_rfc_7518() {
    List<Violation> violations = violationsOf(() -> SharedSecret.of("privateKey", KEY_31, false));

    assertThat(violations).extracting(Violation::field).containsExactly("privateKey");
    assertThat(violations.get(0).message())
        .startsWith("is 248 bits long;")
        .contains("at least 256 bits", "RFC 7518");
  }

  @Test
  void short_key_is_accepted_when_legacy_short_keys_are_allowed() {
    assertThat(SharedSecret.of("privateKey", "abcd", true).length()).isEqualTo(4);
  }

  @Test
  void empty_or_missing_key_is_always_refused() {
    Violation required = new Violation("privateKey", "is required and must not be empty");

    assertThat(violationsOf(() -> SharedSecret.of("privateKey", "", true)))
        .containsExactly(required);
    assertThat(violationsOf(() -> SharedSecret.of("privateKey", null, true)))
        .containsExactly(required);
  }

  @Test
  void length_counts_utf8_bytes_not_characters() {
    String sixteenCharsOf32Bytes = "é".repeat(16);
    String sixteenCharsOf31Bytes = "é".repeat(15) + "e";

    assertThat(SharedSecret.of("privateKey", sixteenCharsOf32Bytes, false).length()).isEqualTo(32);
    assertThat(violationsOf(() -> SharedSecret.of("privateKey", sixteenCharsOf31Bytes, false)))
        .extracting(Violation::message)
        .allSatisfy(message -> assertThat(message).startsWith("is 248 bits long;"));
    assertThat(violationsOf(() -> SharedSecret.of("privateKey", "a".repeat(31), false))).hasSize(1);
  }

  @Test
  void to_string_never_shows_the_key() {
    SharedSecret secret = SharedSecret.of("privateKey", KEY_32, false);

    assertThat(secret.toString())
        .doesNotContain(KEY_32)
        .doesNotContain("0123")
        .contains("32 bytes");
  }

  @Test
  void bytes_are_a_copy() {
    SharedSecret secret = SharedSecret.of("privateKey", KEY_32, false);
    secret.bytes()[0] = 'X';

    assertThat(secret.bytes()[0]).isEqualTo((byte) '0');
  }

  @Test
  void secrets_with_the_same_bytes_are_equal() {
    assertThat(SharedSecret.of("a", KEY_32, false))
        .isEqualTo(SharedSecret.of("b", KEY_32, false))
        .hasSameHashCodeAs(SharedSecret.of("b", KEY_32, false))
        .isNotEqualTo(SharedSecret.of("a", KEY_32.toUpperCase(Locale.ROOT), false));
  }
}
