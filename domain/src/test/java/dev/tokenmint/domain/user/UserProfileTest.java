package dev.tokenmint.domain.user;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.fixture.Users;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserProfileTest {

  @Test
  void empty_profile_has_only_defaults() {
    UserProfile empty = UserProfile.empty();

    assertThat(empty.name()).isEmpty();
    assertThat(empty.email()).isEmpty();
    assertThat(empty.admin()).isFalse();
    assertThat(empty.roles()).isEmpty();
    assertThat(empty.company()).isEmpty();
  }

  @Test
  void valid_email_is_kept() {
    assertThat(UserProfile.builder().email("john@example.com").build().email())
        .contains("john@example.com");
  }

  @Test
  void invalid_email_is_refused_naming_the_field() {
    assertThat(violationsOf(() -> UserProfile.builder().email("john@").build()))
        .containsExactly(new Violation("email", "must be a valid email address, got 'john@'"));
  }

  @Test
  void text_fields_may_hold_1024_characters_but_not_1025() {
    String longest = "x".repeat(1024);

    assertThat(UserProfile.builder().name(longest).description(longest).build().name())
        .contains(longest);
    assertThat(violationsOf(() -> UserProfile.builder().company("x".repeat(1025)).build()))
        .containsExactly(new Violation("company", "must be at most 1024 characters, got 1025"));
  }

  @Test
  void text_fields_with_control_characters_are_refused() {
    assertThat(violationsOf(() -> UserProfile.builder().name("John\u0000Doe").build()))
        .containsExactly(new Violation("name", "must not contain control characters"));
  }

  @Test
  void text_fields_must_be_well_formed_unicode_but_may_hold_format_characters() {
    assertThat(violationsOf(() -> UserProfile.builder().name("John\uD800").title("\uDC00").build()))
        .extracting(Violation::field)
        .containsExactly("name", "title");
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // joined by U+200D

    assertThat(UserProfile.builder().name("Family " + family).build().name())
        .contains("Family " + family);
  }

  @Test
  void role_names_follow_the_identifier_rule_for_characters() {
    assertThat(
            violationsOf(
                () ->
                    UserProfile.builder()
                        .roles(List.of("admin\u200b", "Manager\uD800", "Manager"))
                        .build()))
        .extracting(Violation::field)
        .containsExactly("roles[0]", "roles[1]");
  }

  @Test
  void every_bad_field_is_reported_at_once() {
    assertThat(
            violationsOf(
                () ->
                    UserProfile.builder()
                        .name("n".repeat(1025))
                        .email("not-an-email")
                        .dept("\t")
                        .title("t".repeat(1025))
                        .mobile("\n")
                        .dob("\r")
                        .build()))
        .extracting(Violation::field)
        .containsExactly("name", "email", "dept", "title", "mobile", "dob");
  }

  @Test
  void roles_keep_their_order() {
    assertThat(UserProfile.builder().roles(List.of("SYS_CREATOR", "Manager")).build().roles())
        .containsExactly("SYS_CREATOR", "Manager");
  }

  @Test
  void empty_role_is_refused_with_its_index() {
    assertThat(violationsOf(() -> UserProfile.builder().roles(List.of("Manager", "")).build()))
        .containsExactly(new Violation("roles[1]", "must be a non-empty string"));
  }

  @Test
  void null_role_is_refused_with_its_index() {
    List<String> withNull = Arrays.asList("Manager", null);

    assertThat(violationsOf(() -> UserProfile.builder().roles(withNull).build()))
        .containsExactly(new Violation("roles[1]", "must be a non-empty string"));
  }

  @Test
  void repeated_role_is_refused_with_its_index() {
    assertThat(
            violationsOf(
                () -> UserProfile.builder().roles(List.of("Manager", "Editor", "Manager")).build()))
        .containsExactly(new Violation("roles[2]", "repeats the role 'Manager'"));
  }

  @Test
  void role_names_have_a_length_limit_and_no_control_characters() {
    assertThat(
            violationsOf(
                () -> UserProfile.builder().roles(List.of("r".repeat(129), "a\nb")).build()))
        .containsExactly(
            new Violation("roles[0]", "must be at most 128 characters"),
            new Violation("roles[1]", "must not contain control characters"));
    assertThat(UserProfile.builder().roles(List.of("r".repeat(128))).build().roles()).hasSize(1);
  }

  @Test
  void one_hundred_roles_are_accepted_but_not_one_hundred_and_one() {
    assertThat(UserProfile.builder().roles(roles(100)).build().roles()).hasSize(100);
    assertThat(violationsOf(() -> UserProfile.builder().roles(roles(101)).build()))
        .containsExactly(new Violation("roles", "must hold at most 100 roles, got 101"));
  }

  @Test
  void roles_are_copied_and_unmodifiable() {
    List<String> given = new ArrayList<>(List.of("Manager"));
    UserProfile profile = UserProfile.builder().roles(given).build();
    given.add("Intruder");

    assertThat(profile.roles()).containsExactly("Manager");
    assertThatThrownBy(() -> profile.roles().add("Intruder"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void update_replaces_the_fields_it_has_and_keeps_the_others() {
    UserProfile stored =
        UserProfile.builder()
            .name("John Doe")
            .email("john@example.com")
            .company("Acme")
            .dept("R&D")
            .title("Engineer")
            .build();
    UserProfile update = UserProfile.builder().name("Johnny").dept("Sales").build();

    UserProfile updated = stored.updatedBy(update);

    assertThat(updated)
        .isEqualTo(
            UserProfile.builder()
                .name("Johnny")
                .email("john@example.com")
                .company("Acme")
                .dept("Sales")
                .title("Engineer")
                .build());
  }

  @Test
  void update_replaces_roles_only_when_it_names_any() {
    UserProfile stored = UserProfile.builder().roles(List.of("SYS_CREATOR", "Manager")).build();

    assertThat(stored.updatedBy(UserProfile.empty()).roles())
        .containsExactly("SYS_CREATOR", "Manager");
    assertThat(stored.updatedBy(UserProfile.builder().roles(List.of("Viewer")).build()).roles())
        .containsExactly("Viewer");
  }

  @Test
  void update_keeps_the_admin_flag_unless_it_sets_it() {
    UserProfile admin = UserProfile.builder().admin(true).build();
    UserProfile notAdmin = UserProfile.empty();
    UserProfile setsAdmin = UserProfile.builder().admin(true).build();

    assertThat(admin.updatedBy(UserProfile.empty()).admin()).isTrue();
    assertThat(notAdmin.updatedBy(UserProfile.empty()).admin()).isFalse();
    assertThat(notAdmin.updatedBy(setsAdmin).admin()).isTrue();
  }

  @Test
  void to_builder_starts_from_this_profile() {
    UserProfile profile = Users.aUser().withRoles("Manager").atCompany("Acme").profile();

    assertThat(profile.toBuilder().build()).isEqualTo(profile);
    assertThat(profile.toBuilder().title("CTO").build().company()).contains("Acme");
  }

  @Test
  void user_carries_id_and_profile() {
    User user = Users.aUser().withId("user456").named("Jane Smith").asAdmin().build();

    assertThat(user.userId()).isEqualTo("user456");
    assertThat(user.profile().name()).contains("Jane Smith");
    assertThat(user.profile().email()).contains(Users.EMAIL);
    assertThat(user.profile().admin()).isTrue();
  }

  private static List<String> roles(int count) {
    return IntStream.range(0, count).mapToObj(i -> "role_" + i).toList();
  }
}
