package dev.tokenmint.domain.user;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributesTest {

  private static final String NAME_RULE =
      " must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'";

  @Test
  void strings_numbers_booleans_and_arrays_of_strings_are_kept_in_name_order() {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("region", "EU");
    given.put("level", 3);
    given.put("discount", 0.25);
    given.put("beta", true);
    given.put("teams", List.of("red", "blue"));

    Attributes attributes = Attributes.of(given);

    assertThat(attributes.asMap())
        .containsExactly(
            Map.entry("beta", true),
            Map.entry("discount", 0.25),
            Map.entry("level", 3L),
            Map.entry("region", "EU"),
            Map.entry("teams", List.of("red", "blue")));
  }

  @Test
  void an_integral_decimal_is_the_integer() {
    assertThat(Attributes.of(Map.of("n", 2.0)).get("n")).contains(2L);
    assertThat(Attributes.of(Map.of("n", new BigDecimal("1e3"))).get("n")).contains(1000L);
    assertThat(Attributes.of(Map.of("n", BigInteger.TEN)).get("n")).contains(10L);
  }

  @Test
  void integers_are_limited_to_what_every_json_reader_holds_exactly() {
    long max = Attributes.MAX_INTEGER;

    assertThat(Attributes.of(Map.of("n", max)).get("n")).contains(max);
    assertThat(Attributes.of(Map.of("n", -max)).get("n")).contains(-max);
    assertThat(violationsOf(() -> Attributes.of(Map.of("n", max + 1))))
        .containsExactly(
            new Violation(
                "n",
                "must be an integer within ±9007199254740991 or a finite decimal, got "
                    + (max + 1)));
    assertThat(violationsOf(() -> Attributes.of(Map.of("n", BigInteger.TWO.pow(70)))))
        .extracting(Violation::field)
        .containsExactly("n");
    assertThat(violationsOf(() -> Attributes.of(Map.of("n", Double.POSITIVE_INFINITY))))
        .extracting(Violation::field)
        .containsExactly("n");
    assertThat(violationsOf(() -> Attributes.of(Map.of("n", 1e300))))
        .extracting(Violation::field)
        .containsExactly("n");
  }

  @Test
  void a_nested_object_is_refused_at_its_name() {
    assertThat(violationsOf(() -> Attributes.of(Map.of("rls", Map.of("clause", "x")))))
        .containsExactly(
            new Violation(
                "rls",
                "must be a string, a number, a boolean or an array of strings, got an object"
                    + " (attributes are flat: no nested objects)"));
  }

  @Test
  void an_array_holds_strings_only() {
    assertThat(violationsOf(() -> Attributes.of(Map.of("teams", List.of("red", 7, List.of())))))
        .containsExactly(
            new Violation(
                "teams[1]", "must be a string: an array holds strings only, got a number"),
            new Violation(
                "teams[2]", "must be a string: an array holds strings only, got an array"));
    assertThat(violationsOf(() -> Attributes.of(Map.of("teams", Arrays.asList("red", null)))))
        .containsExactly(
            new Violation("teams[1]", "must be a string: an array holds strings only, got null"));
    assertThat(Attributes.of(Map.of("teams", List.of())).get("teams")).contains(List.of());
  }

  @Test
  void null_is_refused_here_and_means_removal_only_in_an_update() {
    Map<String, Object> given = new HashMap<>();
    given.put("region", null);

    assertThat(violationsOf(() -> Attributes.of(given)))
        .containsExactly(new Violation("region", "must not be null: leave the name out instead"));
  }

  @Test
  void strings_hold_no_control_character_and_are_well_formed() {
    assertThat(violationsOf(() -> Attributes.of(Map.of("a", "x\ny", "b", List.of("\ud800")))))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("a", "b[0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "région", "a/b", "a:b", "x\u0000"})
  void a_bad_name_is_refused_at_the_object(String name) {
    assertThat(violationsOf(() -> Attributes.of(Map.of(name, "v"))))
        .extracting(Violation::field, Violation::message)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.toList().get(0)).isEqualTo("");
              assertThat((String) v.toList().get(1)).startsWith("name '").endsWith(NAME_RULE);
            });
  }

  @Test
  void a_name_of_65_characters_is_refused_and_quoted_short() {
    String name = "n".repeat(65);

    assertThat(violationsOf(() -> Attributes.of(Map.of(name, "v"))))
        .containsExactly(new Violation("", "name '" + "n".repeat(64) + "…'" + NAME_RULE));
    assertThat(Attributes.of(Map.of("n".repeat(64), "v")).size()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sub", "SUB", "iss", "exp", "permissions", "Attributes", "roles", "active"})
  void a_reserved_claim_name_is_refused_in_any_case(String name) {
    assertThat(violationsOf(() -> Attributes.of(Map.of(name, "admin"))))
        .containsExactly(
            new Violation(
                "",
                "name '"
                    + name
                    + "' is reserved: a token sets that claim (or an introspection answer that"
                    + " member) itself, so no attribute may take its name"));
  }

  @Test
  void at_most_fifty_names() {
    Map<String, Object> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("a" + i, i);
    }
    assertThat(Attributes.of(fifty).size()).isEqualTo(50);

    fifty.put("one_more", 1);
    assertThat(violationsOf(() -> Attributes.of(fifty)))
        .containsExactly(new Violation("", "must hold at most 50 names, got 51"));
  }

  @Test
  void size_is_counted_as_compact_utf8_json() {
    // {"a":"é\"","b":["x","y"],"c":12,"d":true,"e":0.5}
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("a", "é\"");
    given.put("b", List.of("x", "y"));
    given.put("c", 12);
    given.put("d", true);
    given.put("e", 0.5);
    String json = "{\"a\":\"é\\\"\",\"b\":[\"x\",\"y\"],\"c\":12,\"d\":true,\"e\":0.5}";

    assertThat(Attributes.of(given).jsonBytes())
        .isEqualTo(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(Attributes.empty().jsonBytes()).isEqualTo(2);
  }

  @Test
  void at_most_4096_bytes() {
    // {"v":"…"} is 8 bytes around the string's own
    assertThat(Attributes.of(Map.of("v", "x".repeat(4088))).jsonBytes()).isEqualTo(4096);
    assertThat(violationsOf(() -> Attributes.of(Map.of("v", "x".repeat(4089)))))
        .containsExactly(new Violation("", "must be at most 4096 bytes as compact JSON, got 4097"));
  }

  @Test
  void every_problem_is_reported_at_once() {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("a b", 1);
    given.put("sub", "x");
    given.put("nested", Map.of());
    given.put("mixed", List.of(1));

    assertThat(violationsOf(() -> Attributes.of(given)))
        .extracting(Violation::field)
        .containsExactly("", "", "nested", "mixed[0]");
  }

  @Test
  void equal_attributes_are_equal_whatever_the_order_given() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("a", 1);
    one.put("b", "x");
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("b", "x");
    other.put("a", 1L);

    assertThat(Attributes.of(one)).isEqualTo(Attributes.of(other));
    assertThat(Attributes.of(Map.of())).isEqualTo(Attributes.empty());
  }
}
