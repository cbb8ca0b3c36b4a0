package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.FixedKeyGenerator;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.memory.InMemoryAuditLog;
import dev.tokenmint.application.memory.InMemoryCredentialStore;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.memory.InMemoryTransactions;
import dev.tokenmint.application.memory.InMemoryWorkspaceSettings;
import dev.tokenmint.application.memory.InMemoryWorkspaceStore;
import dev.tokenmint.application.port.in.ManageWorkspaces.DefaultWorkspaceCommand;
import dev.tokenmint.application.port.in.ManageWorkspaces.ProvisionedWorkspace;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkspaceServiceTest {

  private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final InMemoryKeyRing keyRing = new InMemoryKeyRing();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final InMemoryAuditLog audit = new InMemoryAuditLog(100);

  private KeyService keyService(WorkspaceStore store) {
    return new KeyService(
        store,
        keyRing,
        new InMemoryWorkspaceSettings(),
        new FixedKeyGenerator(),
        audit,
        clock,
        TestApplication.OVERLAP,
        Set.of(SigningAlgorithm.values()));
  }

  private static final String LISTENING = "http://localhost:41234";

  private final WorkspaceService service =
      new WorkspaceService(
          workspaces,
          credentials,
          keyService(workspaces),
          SigningAlgorithm.ES256,
          new InMemoryTransactions(workspaces, credentials),
          audit,
          clock,
          LISTENING);

  private static final DefaultWorkspaceCommand GENERATE =
      new DefaultWorkspaceCommand(Optional.empty(), Optional.empty(), Optional.empty(), LISTENING);

  @Test
  void first_start_generates_a_256_bit_admin_token_once() {
    ProvisionedWorkspace first = service.ensureDefault(GENERATE);
    ProvisionedWorkspace second = service.ensureDefault(GENERATE);

    String token = first.generatedAuthToken().orElseThrow();
    assertThat(token).startsWith("tmat_").hasSizeGreaterThanOrEqualTo(5 + 43);
    assertThat(credentials.findByTokenHash(TokenHash.of(token)).orElseThrow().role())
        .isEqualTo(CredentialRole.ADMIN);
    assertThat(second.generatedAuthToken()).isEmpty();
    assertThat(second.workspace()).isEqualTo(first.workspace());
    assertThat(first.workspace().isDefault()).isTrue();
    assertThat(keyRing.activeKey(first.workspace().id())).isPresent();
  }

  @Test
  void a_created_workspace_has_its_own_api_key_admin_credential_and_signing_key() {
    var issued = service.create("acme");

    assertThat(issued.workspace().isDefault()).isFalse();
    assertThat(issued.workspace().name()).isEqualTo("acme");
    assertThat(issued.role()).isEqualTo(CredentialRole.ADMIN);
    assertThat(
            credentials
                .findByTokenHash(TokenHash.of(issued.authToken()))
                .orElseThrow()
                .workspaceId())
        .isEqualTo(issued.workspace().id());
    assertThat(keyRing.activeKey(issued.workspace().id())).isPresent();
    assertThat(service.list()).containsExactly(issued.workspace());
  }

  @Test
  void credentials_are_issued_listed_and_revoked_per_workspace() {
    var acme = service.create("acme");
    var issuer = service.createCredential(acme.workspace().apiKey(), CredentialRole.ISSUER);

    service.revokeCredential(acme.workspace().apiKey(), issuer.credentialId());

    assertThat(service.credentials(acme.workspace().apiKey()))
        .extracting(c -> c.role() + ":" + c.revoked())
        .containsExactly("ADMIN:false", "ISSUER:true");
    assertThatThrownBy(() -> service.revokeCredential(acme.workspace().apiKey(), "no-such-id"))
        .isInstanceOf(dev.tokenmint.domain.failure.NotFoundException.class);
  }

  @Test
  void a_workspace_whose_creation_fails_leaves_nothing_behind() {
    assertThatThrownBy(() -> service.create(" "))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("name");

    assertThat(service.list()).isEmpty();
  }

  @Test
  void a_configured_pair_is_used_as_given_and_not_echoed_back() {
    String token = "configured_token_0123456789abcdefghij";
    ProvisionedWorkspace provisioned =
        service.ensureDefault(
            new DefaultWorkspaceCommand(
                Optional.of("tmk_configured"), Optional.of(token), Optional.empty(), LISTENING));

    assertThat(provisioned.workspace().apiKey()).isEqualTo("tmk_configured");
    assertThat(provisioned.generatedAuthToken()).isEmpty();
    assertThat(credentials.findByTokenHash(TokenHash.of(token))).isPresent();
    assertThat(provisioned.toString()).doesNotContain(token);
  }

  @Test
  void a_default_workspace_created_meanwhile_by_another_instance_is_adopted() {
    String token = "configured_token_0123456789abcdefghij";
    var command =
        new DefaultWorkspaceCommand(
            Optional.of("tmk_configured"), Optional.of(token), Optional.empty(), LISTENING);
    // Another instance wins the race between this instance's check and its insert.
    var racing =
        new WorkspaceStore() {
          private boolean raced;

          @Override
          public Optional<dev.tokenmint.domain.workspace.Workspace> findByApiKey(String apiKey) {
            return workspaces.findByApiKey(apiKey);
          }

          @Override
          public Optional<dev.tokenmint.domain.workspace.Workspace> findDefault() {
            return workspaces.findDefault();
          }

          @Override
          public java.util.List<dev.tokenmint.domain.workspace.Workspace> list() {
            return workspaces.list();
          }

          @Override
          public void assignMissingIssuers(String baseIssuer) {
            workspaces.assignMissingIssuers(baseIssuer);
          }

          @Override
          public void create(dev.tokenmint.domain.workspace.Workspace workspace) {
            if (!raced) {
              raced = true;
              workspaces.create(
                  new dev.tokenmint.domain.workspace.Workspace(
                      "other-instance", "tmk_configured", "default", true, LISTENING));
            }
            workspaces.create(workspace);
          }
        };
    WorkspaceService service =
        new WorkspaceService(
            racing,
            credentials,
            keyService(racing),
            SigningAlgorithm.ES256,
            // the other instance's insert is committed: rolling back this one must not undo it
            new InMemoryTransactions(credentials),
            audit,
            clock,
            LISTENING);

    ProvisionedWorkspace provisioned = service.ensureDefault(command);

    assertThat(provisioned.workspace().id()).isEqualTo("other-instance");
    assertThat(credentials.findByTokenHash(TokenHash.of(token)).orElseThrow().workspaceId())
        .isEqualTo("other-instance");
  }

  @Test
  void a_short_configured_token_is_refused() {
    assertThatThrownBy(
            () ->
                service.ensureDefault(
                    new DefaultWorkspaceCommand(
                        Optional.of("tmk_configured"),
                        Optional.of("short"),
                        Optional.empty(),
                        LISTENING)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at least 32");
  }

  @Test
  void another_api_key_for_an_existing_default_workspace_is_a_failed_precondition() {
    service.ensureDefault(GENERATE);

    assertThatThrownBy(
            () ->
                service.ensureDefault(
                    new DefaultWorkspaceCommand(
                        Optional.of("tmk_other_key"),
                        Optional.of("configured_token_0123456789abcdefghij"),
                        Optional.empty(),
                        LISTENING)))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("exists with API key");
  }

  @Test
  void the_default_workspace_takes_the_listening_issuer_once_and_keeps_it_on_any_later_port() {
    Workspace first = service.ensureDefault(GENERATE).workspace();
    Workspace later =
        service
            .ensureDefault(
                new DefaultWorkspaceCommand(
                    Optional.empty(), Optional.empty(), Optional.empty(), "http://localhost:9999"))
            .workspace();

    assertThat(first.issuer()).isEqualTo(LISTENING);
    assertThat(later.issuer()).isEqualTo(LISTENING);
  }

  @Test
  void a_configured_issuer_wins_over_the_listening_one_at_the_first_start() {
    Workspace workspace =
        service
            .ensureDefault(
                new DefaultWorkspaceCommand(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("https://auth.example.com/tm"),
                    LISTENING))
            .workspace();

    assertThat(workspace.issuer()).isEqualTo("https://auth.example.com/tm");
    assertThat(service.create("acme").workspace().issuer())
        .startsWith("https://auth.example.com/tm/workspaces/tmk_");
  }

  @Test
  void a_configured_issuer_that_contradicts_the_stored_one_is_refused_and_says_which_is_stored() {
    service.ensureDefault(GENERATE);

    assertThatThrownBy(
            () ->
                service.ensureDefault(
                    new DefaultWorkspaceCommand(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("https://auth.example.com"),
                        LISTENING)))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("https://auth.example.com")
        .hasMessageContaining(LISTENING);
    assertThat(
            service
                .ensureDefault(
                    new DefaultWorkspaceCommand(
                        Optional.empty(), Optional.empty(), Optional.of(LISTENING), "http://x:1"))
                .workspace()
                .issuer())
        .isEqualTo(LISTENING);
  }

  @Test
  void workspaces_made_before_the_default_one_take_the_service_issuer() {
    assertThat(service.create("early").workspace().issuer())
        .startsWith(LISTENING + "/workspaces/tmk_");
  }
}
