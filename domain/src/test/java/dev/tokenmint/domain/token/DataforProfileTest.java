package dev.tokenmint.domain.token;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DataforProfileTest {

  /** The response example of the Datafor documentation: name ERP, username admin, key abcd. */
  private static final String SEED_TOKEN =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
          + ".eyJFUlAiOiJhZG1pbiIsImV4cCI6MTcyMzAxNTkxNn0"
          + ".uEmUwBfNAd5FtzjPPrldU9bierng7fd8rCVlZtVPY2k";

  private static final DataforProfile DATAFOR = DataforProfile.standard();
  private static final Instant EXP = Instant.ofEpochSecond(1_723_015_916L);

  @Test
  void header_is_typ_then_alg_as_in_the_documented_token() {
    TokenHeader header = DATAFOR.header();

    assertThat(header.asMap()).containsExactly(Map.entry("typ", "JWT"), Map.entry("alg", "HS256"));
    assertThat(compactJson(header.asMap())).isEqualTo(segment(0));
  }

  @Test
  void claims_are_the_named_username_then_exp_as_in_the_documented_token() {
    TokenClaims claims = DATAFOR.claims("ERP", "admin", EXP);

    assertThat(claims.asMap())
        .containsExactly(Map.entry("ERP", "admin"), Map.entry("exp", 1_723_015_916L));
    assertThat(compactJson(claims.asMap())).isEqualTo(segment(1));
  }

  @Test
  void exp_is_whole_unix_seconds() {
    assertThat(DATAFOR.claims("ERP", "admin", EXP.plusMillis(999)).get("exp"))
        .contains(1_723_015_916L);
  }

  @Test
  void name_exp_is_refused_since_the_token_sets_it() {
    assertThat(violationsOf(() -> DATAFOR.claims("exp", "admin", EXP)))
        .containsExactly(
            new Violation("name", "must not be one of [exp]: the token sets that claim itself"));
  }

  @Test
  void empty_name_and_username_are_refused_naming_their_fields() {
    assertThat(violationsOf(() -> DATAFOR.claims("", "", EXP)))
        .containsExactly(
            new Violation("name", "is required and must not be empty"),
            new Violation("payload.username", "is required and must not be empty"));
  }

  @Test
  void username_with_a_control_character_is_refused() {
    assertThat(violationsOf(() -> DATAFOR.claims("ERP", "ad\nmin", EXP)))
        .containsExactly(new Violation("payload.username", "must not contain control characters"));
  }

  private static String segment(int index) {
    String part = SEED_TOKEN.split("\\.")[index];
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  /** Compact JSON of a flat object of plain strings and numbers, enough for these examples. */
  private static String compactJson(Map<String, Object> object) {
    return object.entrySet().stream()
        .map(
            e ->
                quote(e.getKey())
                    + ":"
                    + (e.getValue() instanceof String s ? quote(s) : e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
