package dev.tokenmint.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LifetimeTest {

  private static final Instant NOW = Instant.parse("2026-04-27T12:00:00Z");
  private static final Lifetime ONE_HOUR = Lifetime.ofSeconds(3600);

  @Test
  void without_a_request_the_token_lives_the_whole_cap() {
    assertThat(ONE_HOUR.expiresAt(NOW, Optional.empty())).isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void an_earlier_request_is_honoured() {
    Instant requested = NOW.plusSeconds(600);

    assertThat(ONE_HOUR.expiresAt(NOW, Optional.of(requested))).isEqualTo(requested);
  }

  @Test
  void a_later_request_is_cut_to_the_cap() {
    assertThat(ONE_HOUR.expiresAt(NOW, Optional.of(NOW.plus(Duration.ofDays(30)))))
        .isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void a_request_exactly_at_the_cap_is_the_cap() {
    assertThat(ONE_HOUR.expiresAt(NOW, Optional.of(NOW.plusSeconds(3600))))
        .isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void shortened_to_a_shorter_limit_takes_the_limit() {
    assertThat(ONE_HOUR.shortenedTo(Duration.ofMinutes(5))).isEqualTo(Lifetime.ofSeconds(300));
  }

  @Test
  void shortened_to_a_longer_limit_never_lengthens() {
    assertThat(ONE_HOUR.shortenedTo(Duration.ofDays(7))).isEqualTo(ONE_HOUR);
    assertThat(ONE_HOUR.shortenedTo(Duration.ofHours(1))).isEqualTo(ONE_HOUR);
  }

  @Test
  void lifetime_is_a_positive_whole_number_of_seconds() {
    assertThatIllegalArgumentException().isThrownBy(() -> Lifetime.ofSeconds(0));
    assertThatIllegalArgumentException().isThrownBy(() -> Lifetime.ofSeconds(-1));
    assertThatIllegalArgumentException().isThrownBy(() -> new Lifetime(Duration.ofMillis(1500)));
    assertThat(Lifetime.ofSeconds(1).seconds()).isEqualTo(1);
  }

  @Test
  void velt_tokens_live_48_hours_at_most() {
    assertThat(VeltProfile.standard().lifetime().seconds()).isEqualTo(48 * 3600);
    assertThat(new VeltProfile(Lifetime.ofSeconds(72 * 3600)).lifetime())
        .isEqualTo(VeltProfile.MAX_LIFETIME);
    assertThat(new VeltProfile(Lifetime.ofSeconds(900)).lifetime())
        .isEqualTo(Lifetime.ofSeconds(900));
  }

  @Test
  void datafor_tokens_live_86400_seconds_at_most() {
    assertThat(DataforProfile.standard().lifetime().seconds()).isEqualTo(86_400);
    assertThat(new DataforProfile(Lifetime.ofSeconds(86_401)).lifetime())
        .isEqualTo(DataforProfile.MAX_LIFETIME);
    assertThat(new DataforProfile(Lifetime.ofSeconds(3600)).lifetime())
        .isEqualTo(Lifetime.ofSeconds(3600));
  }

  @Test
  void profiles_have_their_dialect_names() {
    assertThat(VeltProfile.standard().name()).isEqualTo("velt");
    assertThat(DataforProfile.standard().name()).isEqualTo("datafor");
  }
}
