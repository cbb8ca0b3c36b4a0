package dev.tokenmint.domain.identifier;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {

  @Test
  void empty_id_is_refused_naming_the_field() {
    assertThat(violationsOf(() -> new User("", UserProfile.empty())))
        .containsExactly(new Violation("userId", "is required and must not be empty"));
  }

  @Test
  void missing_id_is_refused_naming_the_field() {
    assertThat(violationsOf(() -> new User(null, UserProfile.empty())))
        .containsExactly(new Violation("userId", "is required and must not be empty"));
  }

  @Test
  void id_of_256_characters_is_accepted() {
    String longest = "u".repeat(256);

    assertThat(new User(longest, UserProfile.empty()).userId()).isEqualTo(longest);
  }

  @Test
  void id_of_257_characters_is_refused_naming_the_field_and_the_limit() {
    assertThat(violationsOf(() -> new User("u".repeat(257), UserProfile.empty())))
        .containsExactly(new Violation("userId", "must be at most 256 characters, got 257"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user\u0000",
        "line\nbreak",
        "tab\tbed",
        "\u007fdel",
        "next\u0085line",
        "\u001b[31m"
      })
  void id_with_a_control_character_is_refused(String id) {
    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .containsExactly(new Violation("userId", "must not contain control characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"user123", "john.doe@example.com", "文档-é", "with space", "a|b/c"})
  void printable_ids_of_any_script_are_accepted(String id) {
    Violations violations = new Violations();

    assertThat(Identifier.check(violations, "id", id)).isTrue();
    assertThat(violations.isEmpty()).isTrue();
  }

  @Test
  void resource_ids_follow_the_same_rule_under_their_own_field_names() {
    assertThat(violationsOf(() -> new Document("d".repeat(257), "org\n")))
        .containsExactly(
            new Violation("id", "must be at most 256 characters, got 257"),
            new Violation("organizationId", "must not contain control characters"));
  }
}
