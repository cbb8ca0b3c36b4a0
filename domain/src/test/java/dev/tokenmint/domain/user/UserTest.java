package dev.tokenmint.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserTest {

  private static final User STORED =
      new User(
          "u1",
          UserProfile.builder()
              .name("Stored Name")
              .email("stored@example.com")
              .roles(List.of("Manager"))
              .company("Acme")
              .build());

  @Test
  void a_request_over_nothing_stored_is_the_request() {
    User request = new User("u1", UserProfile.builder().name("Request Name").build());

    assertThat(request.over(Optional.empty())).isEqualTo(request);
  }

  @Test
  void the_request_wins_per_field_and_the_stored_profile_fills_the_rest() {
    User request = new User("u1", UserProfile.builder().name("Request Name").build());

    UserProfile merged = request.over(Optional.of(STORED)).profile();

    assertThat(merged.name()).contains("Request Name");
    assertThat(merged.email()).contains("stored@example.com");
    assertThat(merged.roles()).containsExactly("Manager");
    assertThat(merged.company()).contains("Acme");
    assertThat(merged.admin()).isFalse();
  }

  @Test
  void roles_are_replaced_only_when_the_request_names_any_and_admin_is_never_cleared() {
    User stored =
        new User("u1", UserProfile.builder().admin(true).roles(List.of("Manager")).build());
    User request = new User("u1", UserProfile.builder().roles(List.of("Reviewer")).build());

    UserProfile merged = request.over(Optional.of(stored)).profile();

    assertThat(merged.roles()).containsExactly("Reviewer");
    assertThat(merged.admin()).isTrue();
  }

  @Test
  void another_users_stored_profile_is_refused() {
    User request = new User("u2", UserProfile.empty());

    assertThatThrownBy(() -> request.over(Optional.of(STORED)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
