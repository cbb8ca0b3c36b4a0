package dev.tokenmint.domain.audit;

import static dev.tokenmint.domain.fixture.Workspaces.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void an_event_by_a_caller_carries_its_workspace_credential_and_request_id() {
    Caller caller = aWorkspace().calledBy(CredentialRole.ADMIN).withRequestId("req-1");

    AuditEvent event = AuditEvent.by(caller, T0, AuditKind.USER_ADDED).onUser("alice");

    assertThat(event)
        .isEqualTo(
            new AuditEvent(
                T0,
                caller.workspace().id(),
                caller.credentialId(),
                AuditKind.USER_ADDED,
                Optional.of("alice"),
                Optional.of("alice"),
                Optional.empty(),
                Optional.empty(),
                Optional.of("req-1")));
  }

  @Test
  void an_event_on_a_token_names_it_as_target_and_jti() {
    AuditEvent event = AuditEvent.of(T0, "ws", "cli", AuditKind.TOKEN_REVOKED).onToken("jti-1");

    assertThat(event.target()).contains("jti-1");
    assertThat(event.jti()).contains("jti-1");
    assertThat(event.userId()).isEmpty();
    assertThat(event.requestId()).isEmpty();
  }

  @Test
  void a_long_detail_is_clipped_with_an_ellipsis_never_between_the_halves_of_a_character() {
    String emoji = "\uD83D\uDE00";
    String longText = "a".repeat(AuditEvent.MAX_DETAIL_LENGTH - 2) + emoji + "tail";

    String clipped =
        AuditEvent.of(T0, "ws", "cli", AuditKind.GRANTS_ADDED)
            .withDetail(longText)
            .detail()
            .orElseThrow();

    assertThat(clipped).isEqualTo("a".repeat(AuditEvent.MAX_DETAIL_LENGTH - 2) + "…");
    assertThat(AuditEvent.clip("short")).isEqualTo("short");
    assertThat(AuditEvent.clip("b".repeat(AuditEvent.MAX_DETAIL_LENGTH)))
        .isEqualTo("b".repeat(AuditEvent.MAX_DETAIL_LENGTH));
  }

  @Test
  void a_detail_over_the_limit_is_refused_by_the_constructor() {
    assertThatThrownBy(
            () ->
                new AuditEvent(
                    T0,
                    "ws",
                    "cli",
                    AuditKind.GRANTS_ADDED,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("x".repeat(AuditEvent.MAX_DETAIL_LENGTH + 1)),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("detail must be at most 1000");
  }

  @Test
  void kinds_are_found_by_their_exact_wire_name_and_an_unknown_one_lists_them_all() {
    assertThat(AuditKind.fromWireName("key.rotated")).contains(AuditKind.KEY_ROTATED);
    assertThat(AuditKind.fromWireName("Key.Rotated")).isEmpty();

    assertThatThrownBy(() -> AuditKind.parse("kind", "user.renamed"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage(
            "kind: must be one of [token.minted, token.exchanged, token.revoked, workspace.created,"
                + " credential.created, credential.revoked, key.rotated, algorithms.changed,"
                + " user.added, user.updated, user.deleted, grants.added, grants.removed], got"
                + " 'user.renamed'");
  }
}
