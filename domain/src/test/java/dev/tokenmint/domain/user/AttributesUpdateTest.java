package dev.tokenmint.domain.user;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesUpdateTest {

  private static final Attributes STORED =
      Attributes.of(Map.of("region", "EU", "tenant", "acme", "teams", List.of("red")));

  @Test
  void a_value_given_wins_a_name_left_out_is_kept_and_null_drops_it() {
    Map<String, Object> given = new HashMap<>();
    given.put("region", "US");
    given.put("teams", null);
    given.put("level", 2);

    Attributes result = AttributesUpdate.fromWire(given).applyTo(STORED);

    assertThat(result)
        .isEqualTo(Attributes.of(Map.of("region", "US", "tenant", "acme", "level", 2)));
  }

  @Test
  void dropping_a_name_that_is_not_stored_changes_nothing() {
    Map<String, Object> given = new HashMap<>();
    given.put("unknown", null);

    assertThat(AttributesUpdate.fromWire(given).applyTo(STORED)).isEqualTo(STORED);
    assertThat(AttributesUpdate.none().applyTo(STORED)).isSameAs(STORED);
    assertThat(AttributesUpdate.fromWire(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void a_removed_name_must_still_be_a_valid_name() {
    Map<String, Object> given = new HashMap<>();
    given.put("sub", null);
    given.put("a b", null);

    assertThat(violationsOf(() -> AttributesUpdate.fromWire(given)))
        .extracting(Violation::field)
        .containsExactly("", "");
  }

  @Test
  void an_update_names_at_most_fifty_names() {
    Map<String, Object> given = new HashMap<>();
    for (int i = 0; i < 51; i++) {
      given.put("a" + i, null);
    }

    assertThat(violationsOf(() -> AttributesUpdate.fromWire(given)))
        .containsExactly(new Violation("", "must hold at most 50 names, got 51"));
  }

  @Test
  void the_result_keeps_to_the_limits_and_says_what_was_stored() {
    Map<String, Object> stored = new HashMap<>();
    Map<String, Object> given = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      stored.put("s" + i, i);
      given.put("g" + i, i);
    }

    assertThat(violationsOf(() -> AttributesUpdate.fromWire(given).applyTo(Attributes.of(stored))))
        .containsExactly(
            new Violation(
                "",
                "must hold at most 50 names, got 60 once merged with the 30 names already there;"
                    + " send fewer, or drop stored names by sending them as null"));
  }

  @Test
  void values_are_checked_as_attributes_are() {
    assertThat(violationsOf(() -> AttributesUpdate.fromWire(Map.of("rls", Map.of("a", 1)))))
        .extracting(Violation::field)
        .containsExactly("rls");
  }
}
