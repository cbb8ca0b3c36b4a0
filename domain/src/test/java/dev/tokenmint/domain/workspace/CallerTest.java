package dev.tokenmint.domain.workspace;

import static dev.tokenmint.domain.fixture.Workspaces.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.domain.failure.FailureKind;
import dev.tokenmint.domain.failure.PermissionDeniedException;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void issuer_is_denied_admin_operations_naming_both_roles() {
    Caller issuer = aWorkspace().calledBy(CredentialRole.ISSUER);

    assertThatThrownBy(() -> issuer.require(CredentialRole.ADMIN))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this operation needs the 'admin' role; the credential used has 'issuer'")
        .extracting(e -> ((PermissionDeniedException) e).kind())
        .isEqualTo(FailureKind.PERMISSION_DENIED);
  }

  @Test
  void issuer_may_do_issuer_operations_only() {
    Caller issuer = aWorkspace().calledBy(CredentialRole.ISSUER);

    assertThatNoException().isThrownBy(() -> issuer.require(CredentialRole.ISSUER));
    assertThatThrownBy(() -> issuer.require(CredentialRole.ADMIN))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void admin_includes_issuer() {
    Caller admin = aWorkspace().calledBy(CredentialRole.ADMIN);

    assertThatNoException().isThrownBy(() -> admin.require(CredentialRole.ISSUER));
    assertThatNoException().isThrownBy(() -> admin.require(CredentialRole.ADMIN));
    assertThat(CredentialRole.ADMIN.includes(CredentialRole.ISSUER)).isTrue();
    assertThat(CredentialRole.ISSUER.includes(CredentialRole.ADMIN)).isFalse();
  }

  @Test
  void roles_are_found_by_their_exact_lowercase_name() {
    assertThat(CredentialRole.fromWireName("admin")).contains(CredentialRole.ADMIN);
    assertThat(CredentialRole.fromWireName("issuer")).contains(CredentialRole.ISSUER);
    assertThat(CredentialRole.fromWireName("Admin")).isEmpty();
  }

  @Test
  void a_request_id_is_1_to_128_letters_digits_dots_underscores_colons_or_dashes() {
    Caller caller = aWorkspace().calledBy(CredentialRole.ADMIN);

    assertThat(caller.requestId()).isEmpty();
    assertThat(caller.withRequestId("req_1.a:b-" + "x".repeat(118)).requestId()).isPresent();
    assertThat(Caller.isRequestId("x".repeat(129))).isFalse();
    assertThat(Caller.isRequestId("")).isFalse();
    assertThat(Caller.isRequestId("a b")).isFalse();
    assertThatThrownBy(() -> caller.withRequestId("line\nbreak"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
