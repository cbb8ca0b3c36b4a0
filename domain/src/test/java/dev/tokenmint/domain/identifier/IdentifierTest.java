package dev.tokenmint.domain.identifier;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.util.Optional;
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

  @ParameterizedTest
  @ValueSource(strings = {" ", "   ", "\u00a0", "\u2003\u3000", " \u2007 "})
  void id_of_white_space_only_is_refused(String id) {
    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .containsExactly(new Violation("userId", "must not be only white space"));
    assertThat(violationsOf(() -> new Document(id, "org_1")))
        .containsExactly(new Violation("id", "must not be only white space"));
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

  @Test
  void length_is_counted_in_code_points_not_utf16_units() {
    String emoji = "\uD83D\uDE00"; // U+1F600: one character, two UTF-16 units
    String longest = emoji.repeat(256);

    assertThat(new User(longest, UserProfile.empty()).userId()).isEqualTo(longest);
    assertThat(violationsOf(() -> new User(emoji.repeat(257), UserProfile.empty())))
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
  @ValueSource(strings = {"\uD800", "user\uD800", "\uDC00user", "a\uDE00\uD83Db", "\uD83D\uD83D"})
  void id_with_an_unpaired_surrogate_is_refused(String id) {
    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .containsExactly(
            new Violation(
                "userId",
                "must be well-formed Unicode: it holds an unpaired surrogate (a lone half of a"
                    + " UTF-16 pair, such as the JSON escape \\ud800)"));
  }

  @Test
  void a_lone_surrogate_never_collides_with_the_question_mark_it_would_be_encoded_as() {
    assertThat(violationsOf(() -> new User("alice\uD800", UserProfile.empty()))).hasSize(1);
    assertThat(new User("alice?", UserProfile.empty()).userId()).isEqualTo("alice?");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "admin\u200b", // ZERO WIDTH SPACE
        "\u202eadmin", // RIGHT-TO-LEFT OVERRIDE
        "ad\u2066min\u2069", // LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE
        "\ufeffadmin", // ZERO WIDTH NO-BREAK SPACE (byte order mark)
        "ad\u00admin", // SOFT HYPHEN
        "admin\uDB40\uDC01" // U+E0001 LANGUAGE TAG, outside the BMP
      })
  void id_with_a_format_character_is_refused_naming_it(String id) {
    int format =
        id.codePoints()
            .filter(c -> Character.getType(c) == Character.FORMAT)
            .findFirst()
            .orElseThrow();

    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .containsExactly(
            new Violation(
                "userId",
                String.format(
                    "must not contain invisible format characters (Unicode category Cf), found"
                        + " U+%04X %s",
                    format, Character.getName(format))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user123",
        "john.doe@example.com",
        "文档-é",
        "with space",
        " padded ",
        "a|b/c",
        "\uD83D\uDE00",
        "café", // precomposed
        "cafe\u0301" // combining accent: kept as given, not normalized
      })
  void printable_ids_of_any_script_are_accepted_as_given(String id) {
    Violations violations = new Violations();

    assertThat(Identifier.check(violations, "id", id)).isTrue();
    assertThat(violations.isEmpty()).isTrue();
    assertThat(new User(id, UserProfile.empty()).userId()).isEqualTo(id);
  }

  @Test
  void ids_are_compared_as_given_so_differently_composed_ids_are_different_users() {
    assertThat(new User("café", UserProfile.empty()))
        .isNotEqualTo(new User("cafe\u0301", UserProfile.empty()));
  }

  @Test
  void resource_ids_follow_the_same_rule_under_their_own_field_names() {
    assertThat(violationsOf(() -> new Document("d".repeat(257), "org\n")))
        .containsExactly(
            new Violation("id", "must be at most 256 characters, got 257"),
            new Violation("organizationId", "must not contain control characters"));
    assertThat(violationsOf(() -> Resource.of("folder", "f\u200b", Optional.of("org\uD800"))))
        .extracting(Violation::field)
        .containsExactly("id", "organizationId");
    assertThat(violationsOf(() -> new AccessTarget(new Document("d", "o"), Optional.of("\u202e"))))
        .extracting(Violation::field)
        .containsExactly("folderId");
  }
}
