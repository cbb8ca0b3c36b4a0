package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.ManagePermissions.PermissionsQuery;
import dev.tokenmint.application.port.in.ManagePermissions.UserPermissions;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.ResourceExhaustedException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PermissionServiceTest {

  private static final Organization ORG = new Organization("org_123");
  private static final Folder FOLDER = new Folder("folder_1", "org_123");
  private static final Document DOC = new Document("doc_456", "org_123");
  private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

  private final TestApplication app = TestApplication.standard();
  private final Caller admin = new Caller(app.defaultWorkspace, "admin", CredentialRole.ADMIN);

  @Test
  void added_grants_are_merged_into_the_next_token_for_that_user() {
    app.permissionService.add(
        admin,
        "user123",
        GrantSet.of(List.of(new Grant(DOC, AccessRole.VIEWER, Optional.of(LATER)))));

    app.mintToken.mint(
        new Caller(app.defaultWorkspace, "i", CredentialRole.ISSUER),
        new MintTokenCommand(new User("user123", UserProfile.empty()), GrantSet.empty()));

    assertThat(app.signer.last().claims().asMap().get("permissions").toString())
        .contains("doc_456")
        .contains(String.valueOf(LATER.getEpochSecond()));
  }

  @Test
  void get_answers_organization_folders_and_documents_per_user() {
    app.permissionService.add(
        admin,
        "u1",
        GrantSet.of(
            List.of(
                Grant.of(ORG, AccessRole.VIEWER),
                Grant.of(FOLDER, AccessRole.EDITOR),
                new Grant(DOC, AccessRole.EDITOR, Optional.of(LATER)),
                Grant.of(new Document("elsewhere", "org_other"), AccessRole.EDITOR))));

    Map<String, UserPermissions> answer =
        app.permissionService.get(
            admin,
            new PermissionsQuery(
                "org_123", List.of("u1", "u2"), Optional.empty(), Optional.empty()));

    assertThat(answer.get("u1").organization()).contains(Grant.of(ORG, AccessRole.VIEWER));
    assertThat(answer.get("u1").folders()).containsOnlyKeys("folder_1");
    assertThat(answer.get("u1").documents()).containsOnlyKeys("doc_456");
    assertThat(answer.get("u2"))
        .isEqualTo(new UserPermissions(Optional.empty(), Map.of(), Map.of()));
  }

  @Test
  void get_narrows_to_the_named_documents_and_folders() {
    app.permissionService.add(
        admin,
        "u1",
        GrantSet.of(
            List.of(Grant.of(FOLDER, AccessRole.EDITOR), Grant.of(DOC, AccessRole.EDITOR))));

    UserPermissions narrowed =
        app.permissionService
            .get(
                admin,
                new PermissionsQuery(
                    "org_123",
                    List.of("u1"),
                    Optional.of(List.of()),
                    Optional.of(List.of("doc_456"))))
            .get("u1");

    assertThat(narrowed.folders()).isEmpty();
    assertThat(narrowed.documents()).containsOnlyKeys("doc_456");
  }

  @Test
  void remove_deletes_the_named_grants_and_counts_them() {
    app.permissionService.add(
        admin,
        "u1",
        GrantSet.of(List.of(Grant.of(ORG, AccessRole.VIEWER), Grant.of(DOC, AccessRole.EDITOR))));

    int removed =
        app.permissionService.remove(admin, "u1", List.of(DOC, new Document("never", "org_123")));

    assertThat(removed).isEqualTo(1);
    assertThat(app.grants.grantsOf(app.defaultWorkspace.id(), "u1").asList())
        .containsExactly(Grant.of(ORG, AccessRole.VIEWER));
  }

  @Test
  void adding_past_the_per_token_limit_stores_nothing() {
    TestApplication small = TestApplication.withLimits(new TokenLimits(2, 128 * 1024, 8 * 1024));
    Caller smallAdmin = new Caller(small.defaultWorkspace, "a", CredentialRole.ADMIN);
    small.permissionService.add(
        smallAdmin, "u1", GrantSet.of(List.of(Grant.of(ORG, AccessRole.VIEWER))));

    assertThatThrownBy(
            () ->
                small.permissionService.add(
                    smallAdmin,
                    "u1",
                    GrantSet.of(
                        List.of(
                            Grant.of(FOLDER, AccessRole.VIEWER),
                            Grant.of(DOC, AccessRole.VIEWER)))))
        .isInstanceOf(ResourceExhaustedException.class)
        .hasMessageContaining("limit of 2");
    assertThat(small.grants.grantsOf(small.defaultWorkspace.id(), "u1").size()).isEqualTo(1);
  }

  @Test
  void an_invalid_user_id_names_its_field() {
    assertThatThrownBy(() -> app.permissionService.add(admin, "", GrantSet.empty()))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("user.userId"));
  }

  @Test
  void grants_of_one_workspace_are_invisible_to_another() {
    app.permissionService.add(admin, "u1", GrantSet.of(List.of(Grant.of(ORG, AccessRole.VIEWER))));
    var other = app.workspaceService.create("other").workspace();
    Caller otherAdmin = new Caller(other, "o", CredentialRole.ADMIN);

    assertThat(
            app.permissionService
                .get(
                    otherAdmin,
                    new PermissionsQuery(
                        "org_123", List.of("u1"), Optional.empty(), Optional.empty()))
                .get("u1")
                .organization())
        .isEmpty();
    assertThat(app.permissionService.remove(otherAdmin, "u1", List.of(ORG))).isZero();
    assertThat(app.grants.grantsOf(app.defaultWorkspace.id(), "u1").size()).isEqualTo(1);
  }
}
