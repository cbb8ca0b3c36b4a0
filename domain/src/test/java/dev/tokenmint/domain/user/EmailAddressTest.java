package dev.tokenmint.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "john@example.com",
        "john.doe@example.com",
        "jane+tokens@mail.example.co.uk",
        "o'brien_1@sub-domain.example.org",
        "X@Y.IO",
        "a@b.c"
      })
  void common_addresses_are_valid(String address) {
    assertThat(EmailAddress.isValid(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "john",
        "@example.com",
        "john@",
        "john@localhost",
        "john@@example.com",
        "john doe@example.com",
        ".john@example.com",
        "john.@example.com",
        "john..doe@example.com",
        "john@-example.com",
        "john@example-.com",
        "john@example..com",
        "john@example.com.",
        "john@example.123",
        "\"john\"@example.com",
        "john@[192.168.0.1]",
        "john@exa mple.com",
        "john@example.com\n"
      })
  void malformed_addresses_are_invalid(String address) {
    assertThat(EmailAddress.isValid(address)).isFalse();
  }

  @Test
  void null_is_invalid() {
    assertThat(EmailAddress.isValid(null)).isFalse();
  }

  @Test
  void local_part_may_have_64_characters_but_not_65() {
    assertThat(EmailAddress.isValid("a".repeat(64) + "@example.com")).isTrue();
    assertThat(EmailAddress.isValid("a".repeat(65) + "@example.com")).isFalse();
  }

  @Test
  void address_may_have_254_characters_but_not_255() {
    String domain254 =
        "a".repeat(64)
            + "@"
            + "b".repeat(63)
            + "."
            + "c".repeat(63)
            + "."
            + "d".repeat(57)
            + ".com";
    String domain255 =
        "a".repeat(64)
            + "@"
            + "b".repeat(63)
            + "."
            + "c".repeat(63)
            + "."
            + "d".repeat(58)
            + ".com";

    assertThat(domain254).hasSize(254);
    assertThat(EmailAddress.isValid(domain254)).isTrue();
    assertThat(domain255).hasSize(255);
    assertThat(EmailAddress.isValid(domain255)).isFalse();
  }

  @Test
  void domain_label_may_have_63_characters_but_not_64() {
    assertThat(EmailAddress.isValid("john@" + "b".repeat(63) + ".com")).isTrue();
    assertThat(EmailAddress.isValid("john@" + "b".repeat(64) + ".com")).isFalse();
  }
}
