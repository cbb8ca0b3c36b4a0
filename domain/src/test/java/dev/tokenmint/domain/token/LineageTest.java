package dev.tokenmint.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.domain.grant.GrantSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageTest {

  private static final Instant NOW = Instant.parse("2026-04-27T12:00:00Z");

  private static TokenClaims claims(Map<String, Object> extra) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://tokenmint.test");
    claims.put("sub", "alice");
    claims.put("iat", NOW.getEpochSecond());
    claims.put("exp", NOW.getEpochSecond() + 3600);
    claims.put("nbf", NOW.getEpochSecond());
    claims.put("jti", "root");
    claims.put("userProperties", Map.of("isAdmin", false));
    claims.put("permissions", Map.of("resources", List.of()));
    claims.putAll(extra);
    return new TokenClaims(claims);
  }

  @Test
  void a_minted_token_has_no_ancestors_and_nothing_wrong() {
    assertThat(Lineage.ancestorsOf(claims(Map.of()))).isEmpty();
    assertThat(Lineage.problem(claims(Map.of()))).isEmpty();
  }

  @Test
  void an_exchanged_token_names_its_parent_first_then_every_ancestor() {
    TokenClaims child =
        VeltProfile.standard()
            .exchanged(claims(Map.of()), GrantSet.empty(), NOW, NOW.plusSeconds(60), "child");
    TokenClaims grandchild =
        VeltProfile.standard()
            .exchanged(child, GrantSet.empty(), NOW, NOW.plusSeconds(60), "grandchild");

    assertThat(grandchild.get(Lineage.PARENT)).contains("child");
    assertThat(Lineage.ancestorsOf(grandchild)).containsExactly("child", "root");
    assertThat(Lineage.problem(grandchild)).isEmpty();
    assertThat(grandchild.get("nbf")).as("valid from its own iat").isEmpty();
    assertThat(grandchild.get("sub")).contains("alice");
    assertThat(grandchild.get("exp")).contains(NOW.getEpochSecond() + 60);
  }

  @Test
  void no_token_is_made_below_the_deepest_generation() {
    TokenClaims token = claims(Map.of());
    for (int generation = 1; generation <= Lineage.MAX_DEPTH; generation++) {
      token = VeltProfile.standard().exchanged(token, GrantSet.empty(), NOW, NOW, "g" + generation);
    }
    TokenClaims deepest = token;

    assertThat(Lineage.ancestorsOf(deepest)).hasSize(Lineage.MAX_DEPTH);
    assertThatThrownBy(
            () -> VeltProfile.standard().exchanged(deepest, GrantSet.empty(), NOW, NOW, "too-deep"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_lineage_that_does_not_read_exactly_is_a_problem() {
    assertThat(Lineage.problem(claims(Map.of(Lineage.PARENT, "p")))).isPresent();
    assertThat(Lineage.problem(claims(Map.of(Lineage.ANCESTORS, List.of("p"))))).isPresent();
    assertThat(
            Lineage.problem(claims(Map.of(Lineage.PARENT, 42L, Lineage.ANCESTORS, List.of("p")))))
        .isPresent();
    assertThat(Lineage.problem(claims(Map.of(Lineage.PARENT, "p", Lineage.ANCESTORS, "p"))))
        .isPresent();
    assertThat(Lineage.problem(claims(Map.of(Lineage.PARENT, "p", Lineage.ANCESTORS, List.of()))))
        .isPresent();
    assertThat(
            Lineage.problem(
                claims(Map.of(Lineage.PARENT, "p", Lineage.ANCESTORS, List.of("q", "p")))))
        .isPresent();
    assertThat(
            Lineage.problem(
                claims(Map.of(Lineage.PARENT, "p", Lineage.ANCESTORS, List.of("p", 1L)))))
        .isPresent();
    assertThat(
            Lineage.problem(
                claims(
                    Map.of(
                        Lineage.PARENT, "p", Lineage.ANCESTORS, List.of("p", "a", "b", "c", "d")))))
        .as("deeper than a token may be")
        .isPresent();
    assertThat(
            Lineage.problem(
                claims(Map.of(Lineage.PARENT, "p", Lineage.ANCESTORS, List.of("p", "r")))))
        .isEmpty();
  }
}
