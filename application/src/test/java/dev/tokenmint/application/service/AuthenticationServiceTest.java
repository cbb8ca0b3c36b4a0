package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.failure.Remedy;
import dev.tokenmint.domain.failure.UnauthenticatedException;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {

  private final TestApplication app = TestApplication.standard();
  private final MutableClock clock = new MutableClock(TestApplication.NOW);
  private final Optional<String> apiKey = Optional.of(TestApplication.API_KEY);
  private final Optional<String> issuerToken = Optional.of(TestApplication.ISSUER_TOKEN);

  /** A service over the fixture's stores remembering pairs for {@code period} on {@link #clock}. */
  private AuthenticationService cachedFor(Duration period) {
    return new AuthenticationService(app.workspaces, app.credentials, clock, period);
  }

  @Test
  void the_configured_pair_authenticates_as_admin_of_the_default_workspace() {
    Caller caller =
        app.authentication.authenticate(
            Optional.of(TestApplication.API_KEY), Optional.of(TestApplication.ADMIN_TOKEN));

    assertThat(caller.workspace()).isEqualTo(app.defaultWorkspace);
    assertThat(caller.role()).isEqualTo(CredentialRole.ADMIN);
  }

  @Test
  void missing_parts_are_unauthenticated_with_the_remedy_of_sending_them() {
    assertThatThrownBy(() -> app.authentication.authenticate(Optional.empty(), Optional.of("x")))
        .isInstanceOfSatisfying(
            UnauthenticatedException.class,
            e -> assertThat(e.remedy()).contains(Remedy.SEND_CREDENTIALS))
        .hasMessage("missing credentials");
    assertThatThrownBy(
            () ->
                app.authentication.authenticate(
                    Optional.of(TestApplication.API_KEY), Optional.of("")))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void a_wrong_token_and_a_wrong_api_key_fail_alike() {
    assertThatThrownBy(
            () ->
                app.authentication.authenticate(
                    Optional.of(TestApplication.API_KEY), Optional.of("tmat_wrong")))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("invalid credentials");
    assertThatThrownBy(
            () ->
                app.authentication.authenticate(
                    Optional.of("tmk_unknown_key"), Optional.of(TestApplication.ADMIN_TOKEN)))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("invalid credentials");
  }

  @Test
  void a_token_of_one_workspace_does_not_open_another() {
    Workspace other =
        new Workspace(
            "ws-2",
            "tmk_other_ws",
            "other",
            false,
            Workspace.issuerUnder("http://localhost:8080", "tmk_other_ws", false));
    app.workspaces.create(other);

    assertThatThrownBy(
            () ->
                app.authentication.authenticate(
                    Optional.of(other.apiKey()), Optional.of(TestApplication.ADMIN_TOKEN)))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void a_revoked_credential_authenticates_nobody() {
    app.credentials.create(
        new Credential(
            "revoked",
            app.defaultWorkspace.id(),
            TokenHash.of("tmat_revoked_token_0123456789abcdef"),
            CredentialRole.ADMIN,
            TestApplication.NOW,
            true));

    assertThatThrownBy(
            () ->
                app.authentication.authenticate(
                    Optional.of(TestApplication.API_KEY),
                    Optional.of("tmat_revoked_token_0123456789abcdef")))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void an_authenticated_pair_is_remembered_for_the_cache_period_and_no_longer() {
    AuthenticationService cached = cachedFor(Duration.ofSeconds(1));
    Caller before = cached.authenticate(apiKey, issuerToken);

    app.credentials.revoke(app.defaultWorkspace.id(), before.credentialId());

    clock.advance(Duration.ofMillis(999));
    assertThat(cached.authenticate(apiKey, issuerToken)).as("within the period").isEqualTo(before);
    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> cached.authenticate(apiKey, issuerToken))
        .as("once the period is over")
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("invalid credentials");
  }

  @Test
  void a_clock_set_back_ends_the_cache_period() {
    AuthenticationService cached = cachedFor(Duration.ofSeconds(1));
    Caller before = cached.authenticate(apiKey, issuerToken);
    app.credentials.revoke(app.defaultWorkspace.id(), before.credentialId());

    clock.advance(Duration.ofHours(-1));

    assertThatThrownBy(() -> cached.authenticate(apiKey, issuerToken))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void without_a_cache_period_a_revoked_credential_is_refused_at_once() {
    Caller before = app.authentication.authenticate(apiKey, issuerToken);

    app.credentials.revoke(app.defaultWorkspace.id(), before.credentialId());

    assertThatThrownBy(() -> app.authentication.authenticate(apiKey, issuerToken))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void a_failure_is_not_remembered_and_a_remembered_pair_opens_nothing_else() {
    AuthenticationService cached = cachedFor(Duration.ofMinutes(1));
    cached.authenticate(apiKey, Optional.of(TestApplication.ADMIN_TOKEN));
    Workspace other =
        new Workspace(
            "ws-cache",
            "tmk_cache_other",
            "other",
            false,
            Workspace.issuerUnder("http://localhost:8080", "tmk_cache_other", false));
    app.workspaces.create(other);

    assertThatThrownBy(() -> cached.authenticate(apiKey, Optional.of("tmat_wrong_token")))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(
            () ->
                cached.authenticate(
                    Optional.of("tmk_cache_other"), Optional.of(TestApplication.ADMIN_TOKEN)))
        .as("the remembered token with another workspace's API key")
        .isInstanceOf(UnauthenticatedException.class);
    app.credentials.create(
        new Credential(
            "late",
            app.defaultWorkspace.id(),
            TokenHash.of("tmat_created_after_a_failure_0123456789"),
            CredentialRole.ISSUER,
            TestApplication.NOW,
            false));
    assertThatThrownBy(
            () -> cached.authenticate(apiKey, Optional.of("tmat_created_after_a_failure")))
        .isInstanceOf(UnauthenticatedException.class);
    assertThat(
            cached
                .authenticate(apiKey, Optional.of("tmat_created_after_a_failure_0123456789"))
                .credentialId())
        .isEqualTo("late");
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
