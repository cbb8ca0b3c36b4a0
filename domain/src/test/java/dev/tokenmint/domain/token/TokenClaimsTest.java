package dev.tokenmint.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

  @Test
  void claims_are_a_deep_copy_that_cannot_change() {
    List<Object> roles = new ArrayList<>(List.of("Manager"));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("roles", roles);
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("sub", "user123");
    given.put("nested", nested);

    TokenClaims claims = new TokenClaims(given);
    roles.add("Intruder");
    nested.put("extra", "x");
    given.put("later", "x");

    assertThat(claims.asMap()).hasToString("{sub=user123, nested={roles=[Manager]}}");
    assertThatThrownBy(() -> claims.asMap().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void integers_become_longs() {
    assertThat(new TokenClaims(Map.of("exp", 42)).get("exp")).contains(42L);
  }

  @Test
  void finite_decimals_are_kept_for_attributes() {
    assertThat(new TokenClaims(Map.of("price", 1.5)).get("price")).contains(1.5);
  }

  @Test
  void typed_getters_read_a_claim_of_their_type_and_nothing_else() {
    TokenClaims claims = new TokenClaims(Map.of("sub", "u1", "exp", 42L, "aud", List.of("a")));

    assertThat(claims.string("sub")).contains("u1");
    assertThat(claims.integer("exp")).contains(42L);
    assertThat(claims.string("exp")).isEmpty();
    assertThat(claims.integer("sub")).isEmpty();
    assertThat(claims.string("aud")).isEmpty();
    assertThat(claims.string("absent")).isEmpty();
    assertThat(claims.integer("absent")).isEmpty();
  }

  @Test
  void a_nested_object_with_a_name_that_is_no_string_is_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TokenClaims(Map.of("nested", Map.of(1L, "x"))))
        .withMessageContaining("claim name must be a string");
  }

  @Test
  void values_a_token_cannot_hold_are_refused_naming_the_claim() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TokenClaims(Map.of("price", Double.NaN)))
        .withMessageContaining("'price'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TokenClaims(Map.of("price", Double.POSITIVE_INFINITY)))
        .withMessageContaining("'price'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TokenClaims(Map.of("price", 1.5f)))
        .withMessageContaining("'price'");
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("name", null);
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenClaims(withNull));
  }

  @Test
  void absent_claim_is_empty() {
    assertThat(new TokenClaims(Map.of()).get("sub")).isEmpty();
  }

  @Test
  void header_needs_an_algorithm() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TokenHeader(Map.of("typ", "JWT")))
        .withMessageContaining("'alg'");
  }
}
