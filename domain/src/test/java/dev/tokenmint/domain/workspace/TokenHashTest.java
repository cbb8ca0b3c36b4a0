package dev.tokenmint.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TokenHashTest {

  private static final String TOKEN = "tm_auth_0123456789abcdefghijklmnopqrstuv";

  @Test
  void same_token_gives_an_equal_matching_hash() {
    TokenHash hash = TokenHash.of(TOKEN);

    assertThat(hash.matches(TokenHash.of(TOKEN))).isTrue();
    assertThat(hash).isEqualTo(TokenHash.of(TOKEN)).hasSameHashCodeAs(TokenHash.of(TOKEN));
  }

  @Test
  void different_token_gives_a_different_hash() {
    TokenHash hash = TokenHash.of(TOKEN);
    TokenHash other = TokenHash.of(TOKEN + "x");

    assertThat(hash.matches(other)).isFalse();
    assertThat(hash).isNotEqualTo(other);
  }

  @Test
  void hash_is_sha_256_of_the_utf8_bytes() {
    assertThat(TokenHash.of("abc").toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hex_form_round_trips() {
    TokenHash hash = TokenHash.of(TOKEN);

    assertThat(TokenHash.fromHex(hash.toHex())).isEqualTo(hash);
    assertThat(TokenHash.fromHex(hash.toHex()).matches(hash)).isTrue();
  }

  @Test
  void hex_of_another_length_is_refused() {
    assertThatIllegalArgumentException().isThrownBy(() -> TokenHash.fromHex("abcd"));
  }

  @Test
  void to_string_is_redacted() {
    TokenHash hash = TokenHash.of(TOKEN);

    assertThat(hash.toString()).isEqualTo("TokenHash[redacted]").doesNotContain(hash.toHex());
  }
}
