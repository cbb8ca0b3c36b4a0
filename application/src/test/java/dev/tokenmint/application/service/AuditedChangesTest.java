package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.ManageUsers.Membership;
import dev.tokenmint.application.port.in.ManageUsers.MembershipCommand;
import dev.tokenmint.application.port.in.ManageWorkspaces.DefaultWorkspaceCommand;
import dev.tokenmint.application.port.in.ManageWorkspaces.IssuedCredential;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every administrative change is audited by the service that makes it: exactly one event per change
 * (per user in a batch), saying who, what and on what; a refused change records nothing.
 */
class AuditedChangesTest {

  private static final Instant NOW = TestApplication.NOW;
  private static final Organization ORG = new Organization("org_1");
  private static final Folder FOLDER = new Folder("folder_1", "org_1");
  private static final Document DOC = new Document("doc_1", "org_1");

  private final TestApplication app = TestApplication.standard();
  private final Workspace ws = app.defaultWorkspace;
  private final Caller admin =
      new Caller(ws, "tmc_admin", CredentialRole.ADMIN).withRequestId("req-7");

  /** The events {@code change} recorded. */
  private List<AuditEvent> during(Runnable change) {
    int before = app.audit.events().size();
    change.run();
    List<AuditEvent> events = app.audit.events();
    return events.subList(before, events.size());
  }

  private AuditEvent byAdmin(AuditKind kind) {
    return AuditEvent.by(admin, NOW, kind);
  }

  private static Membership member(String userId, AccessRole role) {
    return new Membership(new User(userId, UserProfile.empty()), Optional.ofNullable(role));
  }

  // ----------------------------------------------------------------------------- workspaces

  @Test
  void the_default_workspace_made_at_the_first_start_is_audited_as_the_configurations() {
    // TestApplication provisioned it from its configured API key and auth token.
    assertThat(app.audit.events())
        .containsExactly(
            AuditEvent.of(NOW, ws.id(), AuditEvent.CONFIG, AuditKind.WORKSPACE_CREATED)
                .onTarget(TestApplication.API_KEY)
                .withDetail("'default', key test-key-1 (ES256)"),
            AuditEvent.of(NOW, ws.id(), AuditEvent.CONFIG, AuditKind.CREDENTIAL_CREATED)
                .onTarget(app.workspaceService.credentials(TestApplication.API_KEY).get(0).id())
                .withDetail("admin"));
  }

  @Test
  void a_later_start_audits_only_what_it_changed() {
    String newToken = "tmat_another_configured_admin_token_0123456789";
    DefaultWorkspaceCommand same =
        new DefaultWorkspaceCommand(
            Optional.of(TestApplication.API_KEY),
            Optional.of(TestApplication.ADMIN_TOKEN),
            Optional.of(TestApplication.ISSUER),
            TestApplication.ISSUER);
    DefaultWorkspaceCommand newCredential =
        new DefaultWorkspaceCommand(
            Optional.of(TestApplication.API_KEY),
            Optional.of(newToken),
            Optional.of(TestApplication.ISSUER),
            TestApplication.ISSUER);
    WorkspaceService eddsa =
        new WorkspaceService(
            app.workspaces,
            app.credentials,
            app.keyService,
            SigningAlgorithm.EDDSA,
            app.transactions,
            app.auditLog,
            app.clock,
            TestApplication.ISSUER);

    assertThat(during(() -> app.workspaceService.ensureDefault(same))).isEmpty();
    List<AuditEvent> credential = during(() -> app.workspaceService.ensureDefault(newCredential));
    List<AuditEvent> key = during(() -> eddsa.ensureDefault(same));

    assertThat(credential)
        .singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(AuditKind.CREDENTIAL_CREATED))
        .satisfies(e -> assertThat(e.actor()).isEqualTo(AuditEvent.CONFIG))
        .satisfies(e -> assertThat(e.detail()).contains("admin"));
    assertThat(key)
        .containsExactly(
            AuditEvent.of(NOW, ws.id(), AuditEvent.CONFIG, AuditKind.KEY_ROTATED)
                .onTarget("test-key-2")
                .withDetail(
                    "EdDSA, replacing test-key-1: the configured signing algorithm changed"));
  }

  @Test
  void a_workspace_created_by_the_command_line_is_audited_with_its_admin_credential() {
    IssuedCredential[] issued = new IssuedCredential[1];

    List<AuditEvent> events = during(() -> issued[0] = app.workspaceService.create("acme"));

    Workspace acme = issued[0].workspace();
    assertThat(events)
        .containsExactly(
            AuditEvent.of(NOW, acme.id(), AuditEvent.CLI, AuditKind.WORKSPACE_CREATED)
                .onTarget(acme.apiKey())
                .withDetail("'acme', key test-key-2 (ES256)"),
            AuditEvent.of(NOW, acme.id(), AuditEvent.CLI, AuditKind.CREDENTIAL_CREATED)
                .onTarget(issued[0].credentialId())
                .withDetail("admin"));
    assertThat(events.toString()).doesNotContain(issued[0].authToken());
  }

  @Test
  void credentials_issued_and_revoked_by_the_command_line_are_audited_never_with_their_token() {
    IssuedCredential[] issued = new IssuedCredential[1];

    List<AuditEvent> created =
        during(
            () ->
                issued[0] =
                    app.workspaceService.createCredential(
                        TestApplication.API_KEY, CredentialRole.ISSUER));
    String id = issued[0].credentialId();
    List<AuditEvent> revoked =
        during(() -> app.workspaceService.revokeCredential(TestApplication.API_KEY, id));
    List<AuditEvent> unknown =
        during(
            () ->
                assertThatThrownBy(
                        () ->
                            app.workspaceService.revokeCredential(
                                TestApplication.API_KEY, "tmc_none"))
                    .isInstanceOf(NotFoundException.class));

    assertThat(created)
        .containsExactly(
            AuditEvent.of(NOW, ws.id(), AuditEvent.CLI, AuditKind.CREDENTIAL_CREATED)
                .onTarget(id)
                .withDetail("issuer"));
    assertThat(created.toString()).doesNotContain(issued[0].authToken());
    assertThat(revoked)
        .containsExactly(
            AuditEvent.of(NOW, ws.id(), AuditEvent.CLI, AuditKind.CREDENTIAL_REVOKED).onTarget(id));
    assertThat(unknown).isEmpty();
  }

  // ----------------------------------------------------------------------------------- keys

  @Test
  void a_rotation_is_audited_by_the_caller_with_its_request_id_and_a_refused_one_is_not() {
    List<AuditEvent> rotated = during(() -> app.keyService.rotate(admin));

    assertThat(rotated)
        .containsExactly(
            byAdmin(AuditKind.KEY_ROTATED)
                .onTarget("test-key-2")
                .withDetail("ES256, replacing test-key-1"));
    assertThat(rotated.get(0).requestId()).contains("req-7");
    assertThat(rotated.toString()).doesNotContain("secret");

    KeyService capped =
        new KeyService(
            app.workspaces,
            app.keyRing,
            app.settings,
            app.keyGenerator,
            app.auditLog,
            app.clock,
            TestApplication.OVERLAP,
            Set.of(SigningAlgorithm.values()),
            2);
    assertThat(
            during(
                () ->
                    assertThatThrownBy(() -> capped.rotate(admin))
                        .isInstanceOf(FailedPreconditionException.class)))
        .isEmpty();
  }

  @Test
  void a_scheduled_rotation_is_audited_as_the_schedulers_and_one_not_due_is_not() {
    assertThat(during(() -> app.keyService.rotateIfOlderThan(ws, Duration.ofDays(1)))).isEmpty();

    List<AuditEvent> rotated = during(() -> app.keyService.rotateIfOlderThan(ws, Duration.ZERO));

    assertThat(rotated)
        .containsExactly(
            AuditEvent.of(NOW, ws.id(), AuditEvent.SCHEDULER, AuditKind.KEY_ROTATED)
                .onTarget("test-key-2")
                .withDetail("ES256, replacing test-key-1"));
  }

  @Test
  void allowed_algorithms_set_are_audited_and_a_refused_list_is_not() {
    List<AuditEvent> allowed =
        during(
            () ->
                app.keyService.allowAlgorithms(
                    admin, EnumSet.of(SigningAlgorithm.EDDSA, SigningAlgorithm.ES256)));
    List<AuditEvent> refused =
        during(
            () ->
                assertThatThrownBy(
                        () -> app.keyService.allowAlgorithms(admin, Set.of(SigningAlgorithm.EDDSA)))
                    .isInstanceOf(InvalidArgumentException.class));

    assertThat(allowed)
        .containsExactly(byAdmin(AuditKind.ALGORITHMS_CHANGED).withDetail("allowed: ES256, EdDSA"));
    assertThat(refused).isEmpty();
  }

  // ---------------------------------------------------------------------- users and grants

  @Test
  void each_user_added_updated_or_deleted_is_one_event_and_a_user_refused_is_none() {
    List<AuditEvent> added =
        during(
            () ->
                app.userService.add(
                    admin,
                    new MembershipCommand(
                        DOC, List.of(member("u1", AccessRole.VIEWER), member("u2", null)))));
    List<AuditEvent> addedAgain =
        during(
            () ->
                app.userService.add(
                    admin, new MembershipCommand(DOC, List.of(member("u1", null)))));
    List<AuditEvent> updated =
        during(
            () ->
                app.userService.update(
                    admin,
                    new MembershipCommand(
                        DOC,
                        List.of(
                            member("u1", AccessRole.EDITOR),
                            member("u2", null),
                            member("u3", null)))));
    List<AuditEvent> deleted =
        during(() -> app.userService.delete(admin, DOC, List.of("u2", "u9")));

    String doc = "document 'doc_1' of organization 'org_1'";
    assertThat(added)
        .containsExactly(
            byAdmin(AuditKind.USER_ADDED).onUser("u1").withDetail(doc + " as viewer"),
            byAdmin(AuditKind.USER_ADDED).onUser("u2").withDetail(doc + " as editor"));
    assertThat(addedAgain).as("already a member: nothing changed").isEmpty();
    assertThat(updated)
        .containsExactly(
            byAdmin(AuditKind.USER_UPDATED).onUser("u1").withDetail(doc + " as editor"),
            byAdmin(AuditKind.USER_UPDATED).onUser("u2").withDetail(doc + ", profile only"));
    assertThat(deleted)
        .containsExactly(byAdmin(AuditKind.USER_DELETED).onUser("u2").withDetail(doc));
  }

  @Test
  void grants_added_and_removed_are_audited_with_what_changed_and_removing_nothing_is_not() {
    Instant until = Instant.parse("2030-01-01T00:00:00Z");
    List<AuditEvent> added =
        during(
            () ->
                app.permissionService.add(
                    admin,
                    "u1",
                    GrantSet.of(
                        List.of(
                            Grant.of(ORG, AccessRole.VIEWER),
                            new Grant(FOLDER, AccessRole.EDITOR, Optional.of(until))))));
    List<AuditEvent> removed =
        during(() -> app.permissionService.remove(admin, "u1", List.of(FOLDER, DOC)));
    List<AuditEvent> removedNothing =
        during(() -> app.permissionService.remove(admin, "u1", List.of(DOC)));

    assertThat(added)
        .containsExactly(
            byAdmin(AuditKind.GRANTS_ADDED)
                .onUser("u1")
                .withDetail(
                    "2 grants: organization 'org_1' viewer, folder 'folder_1' of organization"
                        + " 'org_1' editor until 2030-01-01T00:00:00Z"));
    assertThat(removed)
        .containsExactly(
            byAdmin(AuditKind.GRANTS_REMOVED)
                .onUser("u1")
                .withDetail("1 grant: folder 'folder_1' of organization 'org_1'"));
    assertThat(removedNothing).isEmpty();
  }

  // --------------------------------------------------------------------------------- tokens

  @Test
  void a_revocation_is_audited_about_the_jti_and_by_token_about_its_user_never_with_the_token() {
    String token =
        app.mintToken
            .mint(
                new Caller(ws, "tmc_issuer", CredentialRole.ISSUER),
                new MintTokenCommand(new User("alice", UserProfile.empty()), GrantSet.empty()))
            .token();
    String jti = app.signer.last().claims().asMap().get("jti").toString();
    Instant tokenUntil = NOW.plus(Duration.ofHours(48)).plus(TestApplication.SKEW);

    List<AuditEvent> byToken =
        during(() -> app.verification.revoke(admin, Optional.of(token), Optional.empty()));
    List<AuditEvent> byJti =
        during(() -> app.verification.revoke(admin, Optional.empty(), Optional.of("jti-by-hand")));

    assertThat(byToken)
        .containsExactly(
            byAdmin(AuditKind.TOKEN_REVOKED)
                .onToken(jti)
                .withUser("alice")
                .withDetail("until " + tokenUntil));
    assertThat(byToken.toString()).doesNotContain(token);
    assertThat(byJti)
        .containsExactly(
            byAdmin(AuditKind.TOKEN_REVOKED)
                .onToken("jti-by-hand")
                .withDetail("until " + tokenUntil));
  }

  @Test
  void a_minted_token_is_recorded_with_the_request_id_of_its_caller() {
    app.mintToken.mint(
        new Caller(ws, "tmc_issuer", CredentialRole.ISSUER).withRequestId("req-mint"),
        new MintTokenCommand(new User("alice", UserProfile.empty()), GrantSet.empty()));

    assertThat(app.audit.records())
        .singleElement()
        .satisfies(r -> assertThat(r.requestId()).contains("req-mint"));
    assertThat(app.audit.events()).noneMatch(e -> e.kind() == AuditKind.TOKEN_MINTED);
  }

  // ------------------------------------------------------------ a full log refuses the change

  @Test
  void with_the_audit_log_full_every_change_is_refused_and_none_is_made() {
    app.userService.add(admin, new MembershipCommand(ORG, List.of(member("member", null))));
    app.permissionService.add(
        admin, "holder", GrantSet.of(List.of(Grant.of(DOC, AccessRole.VIEWER))));
    String credential =
        app.workspaceService
            .createCredential(TestApplication.API_KEY, CredentialRole.ISSUER)
            .credentialId();
    int events = app.audit.events().size();
    int keys = app.keyRing.keys(ws.id()).size();
    app.auditLog.fill();

    List<Runnable> changes =
        List.of(
            () -> app.workspaceService.create("refused"),
            () ->
                app.workspaceService.createCredential(
                    TestApplication.API_KEY, CredentialRole.ADMIN),
            () -> app.workspaceService.revokeCredential(TestApplication.API_KEY, credential),
            () -> app.keyService.rotate(admin),
            () -> app.keyService.rotateIfOlderThan(ws, Duration.ZERO),
            () -> app.keyService.allowAlgorithms(admin, EnumSet.of(SigningAlgorithm.ES256)),
            () ->
                app.userService.add(
                    admin, new MembershipCommand(ORG, List.of(member("new", null)))),
            () ->
                app.userService.update(
                    admin,
                    new MembershipCommand(ORG, List.of(member("member", AccessRole.VIEWER)))),
            () -> app.userService.delete(admin, ORG, List.of("member")),
            () ->
                app.permissionService.add(
                    admin, "holder", GrantSet.of(List.of(Grant.of(ORG, AccessRole.EDITOR)))),
            () -> app.permissionService.remove(admin, "holder", List.of(DOC)),
            () -> app.verification.revoke(admin, Optional.empty(), Optional.of("jti-1")),
            () ->
                app.mintToken.mint(
                    new Caller(ws, "tmc_issuer", CredentialRole.ISSUER),
                    new MintTokenCommand(
                        new User("alice", UserProfile.empty()), GrantSet.empty())));

    for (Runnable change : changes) {
      assertThatThrownBy(change::run).isInstanceOf(UnavailableException.class);
    }

    assertThat(app.audit.events()).hasSize(events);
    assertThat(app.audit.records()).isEmpty();
    assertThat(app.workspaces.list()).extracting(Workspace::name).doesNotContain("refused");
    assertThat(app.workspaceService.credentials(TestApplication.API_KEY))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.revoked()).isFalse());
    assertThat(app.keyRing.keys(ws.id())).hasSize(keys);
    assertThat(app.settings.allowedAlgorithms(ws.id())).isEmpty();
    assertThat(app.grants.grantsOf(ws.id(), "new").asList()).isEmpty();
    assertThat(app.grants.grantsOf(ws.id(), "member").asList())
        .containsExactly(Grant.of(ORG, AccessRole.EDITOR));
    assertThat(app.grants.grantsOf(ws.id(), "holder").asList())
        .containsExactly(Grant.of(DOC, AccessRole.VIEWER));
    assertThat(app.revocations.isRevoked(ws.id(), "jti-1", NOW)).isFalse();
  }
}
