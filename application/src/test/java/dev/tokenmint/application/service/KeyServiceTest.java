package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyServiceTest {

  private final TestApplication app = TestApplication.standard();

  @Test
  void an_existing_active_key_of_the_same_algorithm_is_kept() {
    SigningKey before = app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow();

    assertThat(app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.ES256)).isEqualTo(before);
  }

  @Test
  void switching_algorithm_activates_a_new_key_and_keeps_the_old_one_verifying() {
    SigningKey before = app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow();

    SigningKey after = app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.EDDSA);

    assertThat(after.kid()).isNotEqualTo(before.kid());
    assertThat(app.keyRing.keys(app.defaultWorkspace.id()))
        .extracting(SigningKey::kid, SigningKey::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(after.kid(), KeyStatus.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(before.kid(), KeyStatus.RETIRING));
    assertThat(app.keyService.publicJwks(Optional.empty())).hasSize(2);
  }

  @Test
  void jwks_is_per_workspace_and_symmetric_keys_are_never_published() {
    Workspace other = new Workspace("ws-2", "tmk_other_ws", "other", false);
    app.workspaces.create(other);
    app.keyService.ensureActiveKey(other, SigningAlgorithm.HS256);

    assertThat(app.keyService.publicJwks(Optional.of("tmk_other_ws"))).isEmpty();
    assertThat(app.keyService.publicJwks(Optional.empty()))
        .singleElement()
        .asString()
        .contains(app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow().kid());
  }

  @Test
  void an_unknown_api_key_has_no_jwks() {
    assertThatThrownBy(() -> app.keyService.publicJwks(Optional.of("tmk_nobody_here")))
        .isInstanceOf(NotFoundException.class);
  }
}
