package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.failure.UnauthenticatedException;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {

  private final TestApplication app = TestApplication.standard();

  @Test
  void the_configured_pair_authenticates_as_admin_of_the_default_workspace() {
    Caller caller =
        app.authentication.authenticate(
            Optional.of(TestApplication.API_KEY), Optional.of(TestApplication.ADMIN_TOKEN));

    assertThat(caller.workspace()).isEqualTo(app.defaultWorkspace);
    assertThat(caller.role()).isEqualTo(CredentialRole.ADMIN);
  }

  @Test
  void missing_parts_are_unauthenticated_with_a_hint_at_the_headers() {
    assertThatThrownBy(() -> app.authentication.authenticate(Optional.empty(), Optional.of("x")))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("x-velt-api-key");
    assertThatThrownBy(
            () -> app.authentication.authenticate(Optional.of(TestApplication.API_KEY), Optional.of("")))
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
    Workspace other = new Workspace("ws-2", "tmk_other_ws", "other", false);
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
            "revoked", app.defaultWorkspace.id(), TokenHash.of("tmat_revoked_token_0123456789abcdef"),
            CredentialRole.ADMIN, TestApplication.NOW, true));

    assertThatThrownBy(
            () ->
                app.authentication.authenticate(
                    Optional.of(TestApplication.API_KEY),
                    Optional.of("tmat_revoked_token_0123456789abcdef")))
        .isInstanceOf(UnauthenticatedException.class);
  }
}
