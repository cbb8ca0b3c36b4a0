package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.GenerateAuthorizationCommand;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.PermissionDeniedException;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateAuthorizationServiceTest {

  private static final String KEY_256 = "0123456789abcdef0123456789abcdef";

  private final TestApplication app = TestApplication.standard();
  private final Caller admin =
      new Caller(app.defaultWorkspace, "admin-credential", CredentialRole.ADMIN);

  private static GenerateAuthorizationCommand command(String key, UserProfile profile) {
    return new GenerateAuthorizationCommand("ERP", key, new User("admin", profile));
  }

  @Test
  void mints_name_and_exp_only_for_86400_seconds_and_keeps_the_profile() {
    UserProfile profile =
        UserProfile.builder()
            .name("ERP")
            .roles(List.of("SYS_CREATOR", "Manager"))
            .company("ACME")
            .build();

    MintedToken minted = app.generateAuthorization.generate(admin, command(KEY_256, profile));

    assertThat(minted.lifetimeSeconds()).isEqualTo(86_400);
    assertThat(app.signer.last().claims().asMap())
        .containsExactly(
            Map.entry("ERP", "admin"),
            Map.entry("exp", TestApplication.NOW.getEpochSecond() + 86_400));
    assertThat(app.signer.last().secretBytes()).isEqualTo(32);
    assertThat(app.users.find(app.defaultWorkspace.id(), "admin").orElseThrow().profile())
        .isEqualTo(profile);
  }

  @Test
  void a_short_key_is_refused_before_anything_is_stored_or_signed() {
    assertThatThrownBy(
            () -> app.generateAuthorization.generate(admin, command("abcd", UserProfile.empty())))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> {
              assertThat(e.violations().get(0).field()).isEqualTo("privateKey");
              assertThat(e.getMessage()).contains("256 bits").contains("RFC 7518");
            });
    assertThat(app.users.find(app.defaultWorkspace.id(), "admin")).isEmpty();
    assertThat(app.signer.signed()).isEmpty();
    assertThat(app.audit.records()).isEmpty();
  }

  @Test
  void legacy_mode_accepts_the_short_key() {
    TestApplication legacy = TestApplication.withLegacyShortKeys();
    Caller legacyAdmin = new Caller(legacy.defaultWorkspace, "a", CredentialRole.ADMIN);

    legacy.generateAuthorization.generate(legacyAdmin, command("abcd", UserProfile.empty()));

    assertThat(legacy.signer.last().secretBytes()).isEqualTo(4);
  }

  @Test
  void an_invalid_token_name_stores_nothing() {
    var bad =
        new GenerateAuthorizationCommand("exp", KEY_256, new User("admin", UserProfile.empty()));

    assertThatThrownBy(() -> app.generateAuthorization.generate(admin, bad))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("name");
    assertThat(app.users.find(app.defaultWorkspace.id(), "admin")).isEmpty();
  }

  @Test
  void an_update_keeps_stored_fields_the_payload_leaves_out() {
    app.generateAuthorization.generate(
        admin, command(KEY_256, UserProfile.builder().company("ACME").title("CTO").build()));

    app.generateAuthorization.generate(
        admin, command(KEY_256, UserProfile.builder().title("CEO").build()));

    UserProfile stored = app.users.find(app.defaultWorkspace.id(), "admin").orElseThrow().profile();
    assertThat(stored.company()).contains("ACME");
    assertThat(stored.title()).contains("CEO");
  }

  @Test
  void issuers_may_not_call_it() {
    Caller issuer = new Caller(app.defaultWorkspace, "i", CredentialRole.ISSUER);

    assertThatThrownBy(
            () -> app.generateAuthorization.generate(issuer, command(KEY_256, UserProfile.empty())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(app.signer.signed()).isEmpty();
  }

  @Test
  void the_command_never_shows_the_key() {
    assertThat(command(KEY_256, UserProfile.empty()).toString()).doesNotContain(KEY_256);
  }
}
