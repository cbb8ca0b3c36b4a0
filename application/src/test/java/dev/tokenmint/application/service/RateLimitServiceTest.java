package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.MutableClock;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.RateLimit;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitServiceTest {

  private static final RateLimit DEFAULT = new RateLimit(50);
  private static final RateLimit FAILURES = new RateLimit(20);

  private final TestApplication app = TestApplication.withRateLimits(DEFAULT, FAILURES);
  private final MutableClock clock = new MutableClock(TestApplication.NOW);
  private final Caller caller =
      new Caller(app.defaultWorkspace, "issuer-credential", CredentialRole.ISSUER);

  /** A service over the fixture's stores remembering limits for {@code period} on the clock. */
  private RateLimitService cachedFor(Duration period) {
    return new RateLimitService(
        app.workspaces, app.settings, app.transactions, DEFAULT, FAILURES, clock, period);
  }

  @Test
  void a_workspace_without_its_own_limit_has_the_operators_default() {
    assertThat(app.rateLimits.perCredential(caller)).isEqualTo(DEFAULT);
    assertThat(app.rateLimits.workspaceLimit(TestApplication.API_KEY)).isEmpty();
    assertThat(app.rateLimits.failedAuthentications()).isEqualTo(FAILURES);
  }

  @Test
  void a_workspaces_own_limit_wins_over_the_default_until_cleared() {
    app.rateLimits.setWorkspaceLimit(TestApplication.API_KEY, Optional.of(new RateLimit(3)));
    assertThat(app.rateLimits.perCredential(caller)).isEqualTo(new RateLimit(3));
    assertThat(app.rateLimits.workspaceLimit(TestApplication.API_KEY)).contains(new RateLimit(3));

    app.rateLimits.setWorkspaceLimit(TestApplication.API_KEY, Optional.empty());
    assertThat(app.rateLimits.perCredential(caller)).isEqualTo(DEFAULT);
    assertThat(app.rateLimits.workspaceLimit(TestApplication.API_KEY)).isEmpty();
  }

  @Test
  void no_limit_as_a_workspaces_own_lifts_the_default_for_that_workspace_only() {
    var other = app.workspaceService.create("other").workspace();
    app.rateLimits.setWorkspaceLimit(TestApplication.API_KEY, Optional.of(RateLimit.NONE));

    assertThat(app.rateLimits.perCredential(caller)).isEqualTo(RateLimit.NONE);
    assertThat(app.rateLimits.perCredential(new Caller(other, "c", CredentialRole.ADMIN)))
        .isEqualTo(DEFAULT);
  }

  @Test
  void an_unknown_workspace_is_not_found_when_read_or_set() {
    assertThatThrownBy(() -> app.rateLimits.workspaceLimit("tmk_nobody_here"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no workspace has API key tmk_nobody_here");
    assertThatThrownBy(
            () -> app.rateLimits.setWorkspaceLimit("tmk_nobody_here", Optional.of(RateLimit.NONE)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void a_limit_set_elsewhere_is_seen_once_the_remembered_one_is_older_than_the_period() {
    RateLimitService cached = cachedFor(Duration.ofSeconds(1));
    assertThat(cached.perCredential(caller)).isEqualTo(DEFAULT);

    // Another process (the command line) writes to the store, not through this service.
    app.settings.setRateLimit(app.defaultWorkspace.id(), Optional.of(new RateLimit(7)));
    assertThat(cached.perCredential(caller)).as("within the period").isEqualTo(DEFAULT);

    clock.advance(Duration.ofSeconds(1));
    assertThat(cached.perCredential(caller)).isEqualTo(new RateLimit(7));
  }

  @Test
  void a_limit_set_through_the_service_itself_applies_at_once() {
    RateLimitService cached = cachedFor(Duration.ofSeconds(60));
    assertThat(cached.perCredential(caller)).isEqualTo(DEFAULT);

    cached.setWorkspaceLimit(TestApplication.API_KEY, Optional.of(new RateLimit(7)));

    assertThat(cached.perCredential(caller)).isEqualTo(new RateLimit(7));
  }

  @Test
  void a_clock_set_back_ends_the_remembered_limit() {
    RateLimitService cached = cachedFor(Duration.ofSeconds(60));
    cached.perCredential(caller);
    app.settings.setRateLimit(app.defaultWorkspace.id(), Optional.of(new RateLimit(7)));

    clock.advance(Duration.ofHours(-1));

    assertThat(cached.perCredential(caller)).isEqualTo(new RateLimit(7));
  }
}
