package dev.tokenmint.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final AuditEvent MINTED =
      AuditEvent.of(T0, "ws", "tmc_1", AuditKind.TOKEN_MINTED).onToken("jti-1").withUser("alice");

  private static AuditFilter between(Optional<Instant> since, Optional<Instant> until) {
    return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), since, until);
  }

  @Test
  void every_event_matches_the_empty_filter() {
    assertThat(AuditFilter.ALL.matches(MINTED)).isTrue();
  }

  @Test
  void kind_user_and_jti_each_narrow_to_equal_values() {
    AuditFilter kind =
        new AuditFilter(
            Optional.of(AuditKind.TOKEN_REVOKED),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    AuditFilter user =
        new AuditFilter(
            Optional.empty(),
            Optional.of("bob"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    AuditFilter jti =
        new AuditFilter(
            Optional.empty(),
            Optional.empty(),
            Optional.of("jti-1"),
            Optional.empty(),
            Optional.empty());
    AuditFilter all =
        new AuditFilter(
            Optional.of(AuditKind.TOKEN_MINTED),
            Optional.of("alice"),
            Optional.of("jti-1"),
            Optional.empty(),
            Optional.empty());

    assertThat(kind.matches(MINTED)).isFalse();
    assertThat(user.matches(MINTED)).isFalse();
    assertThat(jti.matches(MINTED)).isTrue();
    assertThat(all.matches(MINTED)).isTrue();
    assertThat(user.matches(AuditEvent.of(T0, "ws", "cli", AuditKind.KEY_ROTATED)))
        .as("an event about no user matches no user")
        .isFalse();
  }

  @Test
  void since_is_included_and_until_excluded() {
    assertThat(between(Optional.of(T0), Optional.empty()).matches(MINTED)).isTrue();
    assertThat(between(Optional.of(T0.plusMillis(1)), Optional.empty()).matches(MINTED)).isFalse();
    assertThat(between(Optional.empty(), Optional.of(T0)).matches(MINTED)).isFalse();
    assertThat(between(Optional.empty(), Optional.of(T0.plusMillis(1))).matches(MINTED)).isTrue();
  }
}
