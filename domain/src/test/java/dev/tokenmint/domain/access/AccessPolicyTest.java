package dev.tokenmint.domain.access;

import static dev.tokenmint.domain.fixture.Grants.aGrant;
import static dev.tokenmint.domain.fixture.Grants.grantSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.access.AccessDecision.Allowed;
import dev.tokenmint.domain.access.AccessDecision.Denied;
import dev.tokenmint.domain.fixture.Grants;
import dev.tokenmint.domain.fixture.Users;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private static final Instant NOW = Instant.parse("2026-04-27T12:00:00Z");
  private static final Instant PAST = NOW.minusSeconds(60);
  private static final Instant FUTURE = NOW.plusSeconds(60);

  private static final Document DOC = new Document("doc_456", "org_123");
  private static final AccessTarget DOC_IN_FOLDER = new AccessTarget(DOC, Optional.of("folder_1"));
  private static final AccessTarget DOC_ALONE = AccessTarget.of(DOC);

  private static Grants doc() {
    return aGrant().onDocument("doc_456").inOrganization("org_123");
  }

  private static Grants folder() {
    return aGrant().onFolder("folder_1").inOrganization("org_123");
  }

  private static Grants org() {
    return aGrant().onOrganization("org_123");
  }

  @Test
  void viewer_document_grant_overrides_editor_organization_grant() {
    Grant docViewer = doc().asViewer().build();
    GrantSet grants = GrantSet.of(List.of(org().asEditor().build(), docViewer));

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_ALONE, NOW))
        .isEqualTo(new Allowed(docViewer));
  }

  @Test
  void editor_document_grant_overrides_viewer_organization_grant() {
    Grant docEditor = doc().asEditor().build();
    GrantSet grants = GrantSet.of(List.of(org().asViewer().build(), docEditor));

    AccessDecision decision = AccessPolicy.effectiveAccess(grants, DOC_ALONE, NOW);

    assertThat(decision).isEqualTo(new Allowed(docEditor));
    assertThat(((Allowed) decision).role()).isEqualTo(AccessRole.EDITOR);
  }

  @Test
  void folder_grant_overrides_organization_grant_for_a_document_in_that_folder() {
    Grant folderViewer = folder().asViewer().build();
    GrantSet grants = grantSet(org().asEditor(), folder().asViewer());

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_IN_FOLDER, NOW))
        .isEqualTo(new Allowed(folderViewer));
  }

  @Test
  void folder_grant_does_not_apply_when_the_document_is_asked_about_without_its_folder() {
    Grant orgEditor = org().asEditor().build();
    GrantSet grants = grantSet(org().asEditor(), folder().asViewer());

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_ALONE, NOW))
        .isEqualTo(new Allowed(orgEditor));
  }

  @Test
  void expired_document_grant_falls_back_to_the_folder_grant() {
    GrantSet grants =
        grantSet(doc().asEditor().expiringAt(PAST), folder().asViewer(), org().asEditor());

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_IN_FOLDER, NOW))
        .isEqualTo(new Allowed(folder().asViewer().build()));
  }

  @Test
  void expired_document_and_folder_grants_fall_back_to_the_organization_grant() {
    GrantSet grants =
        grantSet(
            doc().asEditor().expiringAt(PAST),
            folder().asEditor().expiringAt(PAST),
            org().asViewer().expiringAt(FUTURE));

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_IN_FOLDER, NOW))
        .isEqualTo(new Allowed(org().asViewer().expiringAt(FUTURE).build()));
  }

  @Test
  void no_grant_is_denied_naming_every_resource_looked_at() {
    assertThat(AccessPolicy.effectiveAccess(GrantSet.empty(), DOC_IN_FOLDER, NOW))
        .isEqualTo(
            new Denied(
                "no grant on document 'doc_456', folder 'folder_1', organization 'org_123'"));
  }

  @Test
  void all_grants_expired_is_denied_naming_each_expiry() {
    GrantSet grants = grantSet(doc().expiringAt(1_640_995_200L), org().expiringAt(1_700_000_000L));

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_ALONE, NOW))
        .isEqualTo(
            new Denied(
                "every grant that applies has expired: [document 'doc_456' expired at 1640995200,"
                    + " organization 'org_123' expired at 1700000000]"));
  }

  @Test
  void grant_at_exactly_its_expires_at_instant_is_expired() {
    GrantSet grants = grantSet(doc().expiringAt(NOW));

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_ALONE, NOW)).isInstanceOf(Denied.class);
    assertThat(AccessPolicy.effectiveAccess(grants, DOC_ALONE, NOW.minusSeconds(1)))
        .isInstanceOf(Allowed.class);
  }

  @Test
  void grants_on_another_organization_do_not_apply() {
    GrantSet grants =
        grantSet(
            aGrant().onOrganization("org_999"),
            aGrant().onFolder("folder_1").inOrganization("org_999"),
            aGrant().onDocument("doc_456").inOrganization("org_999"));

    assertThat(AccessPolicy.effectiveAccess(grants, DOC_IN_FOLDER, NOW)).isInstanceOf(Denied.class);
  }

  @Test
  void grants_on_narrower_resources_give_no_access_to_the_organization() {
    GrantSet grants = grantSet(doc().asEditor(), folder().asEditor());

    assertThat(
            AccessPolicy.effectiveAccess(grants, AccessTarget.of(new Organization("org_123")), NOW))
        .isEqualTo(new Denied("no grant on organization 'org_123'"));
  }

  @Test
  void folder_target_is_decided_by_its_own_grant_then_its_organization() {
    AccessTarget folderTarget = AccessTarget.of(new Folder("folder_1", "org_123"));

    assertThat(
            AccessPolicy.effectiveAccess(grantSet(folder().asViewer(), org()), folderTarget, NOW))
        .isEqualTo(new Allowed(folder().asViewer().build()));
    assertThat(AccessPolicy.effectiveAccess(grantSet(org().asViewer()), folderTarget, NOW))
        .isEqualTo(new Allowed(org().asViewer().build()));
  }

  @Test
  void editor_grant_allows_viewer_access() {
    GrantSet grants = grantSet(doc().asEditor());

    assertThat(AccessPolicy.check(grants, DOC_ALONE, AccessRole.VIEWER, NOW))
        .isEqualTo(new Allowed(doc().asEditor().build()));
    assertThat(AccessPolicy.check(grants, DOC_ALONE, AccessRole.EDITOR, NOW))
        .isEqualTo(new Allowed(doc().asEditor().build()));
  }

  @Test
  void viewer_grant_does_not_allow_editor_access_and_says_which_grant_decides() {
    GrantSet grants = grantSet(doc().asViewer(), org().asEditor());

    assertThat(AccessPolicy.check(grants, DOC_ALONE, AccessRole.VIEWER, NOW))
        .isEqualTo(new Allowed(doc().asViewer().build()));
    assertThat(AccessPolicy.check(grants, DOC_ALONE, AccessRole.EDITOR, NOW))
        .isEqualTo(
            new Denied("editor access needed, but the viewer grant on document 'doc_456' decides"));
  }

  @Test
  void check_without_grants_passes_the_denial_on() {
    assertThat(AccessPolicy.check(GrantSet.empty(), DOC_ALONE, AccessRole.VIEWER, NOW))
        .isEqualTo(new Denied("no grant on document 'doc_456', organization 'org_123'"));
  }

  @Test
  void admin_user_without_grants_is_denied() {
    // The admin flag lives in the profile; the rule sees only grants, so it cannot be a bypass.
    User admin = Users.aUser().asAdmin().build();
    GrantSet adminsGrants = GrantSet.empty();

    assertThat(admin.profile().admin()).isTrue();
    assertThat(AccessPolicy.check(adminsGrants, DOC_ALONE, AccessRole.VIEWER, NOW))
        .isInstanceOf(Denied.class);
    assertThat(
            AccessPolicy.effectiveAccess(
                adminsGrants, AccessTarget.of(new Organization("org_123")), NOW))
        .isInstanceOf(Denied.class);
  }

  // ---------------------------------------------------------------- covers (token exchange)

  @Test
  void a_document_under_an_organization_grant_is_covered_with_the_same_or_a_weaker_role() {
    GrantSet held = grantSet(org().asEditor());

    assertThat(AccessPolicy.covers(held, doc().asViewer().build(), NOW))
        .isEqualTo(new Allowed(org().asEditor().build()));
    assertThat(AccessPolicy.covers(held, doc().asEditor().build(), NOW)).isInstanceOf(Allowed.class);
    assertThat(AccessPolicy.covers(held, org().asEditor().build(), NOW)).isInstanceOf(Allowed.class);
  }

  @Test
  void a_stronger_role_or_another_resource_is_not_covered() {
    GrantSet held = grantSet(doc().asViewer(), org().asViewer());

    assertThat(AccessPolicy.covers(held, doc().asEditor().build(), NOW)).isInstanceOf(Denied.class);
    assertThat(AccessPolicy.covers(held, aGrant().onOrganization("org_other").asViewer().build(), NOW))
        .isInstanceOf(Denied.class);
    assertThat(AccessPolicy.covers(grantSet(doc().asEditor()), org().asViewer().build(), NOW))
        .as("a document grant covers nothing above it")
        .isInstanceOf(Denied.class);
  }

  @Test
  void a_grant_covered_by_an_expiring_one_must_expire_no_later() {
    GrantSet held = grantSet(org().asEditor().expiringAt(FUTURE));

    assertThat(AccessPolicy.covers(held, doc().asViewer().expiringAt(FUTURE).build(), NOW))
        .isInstanceOf(Allowed.class);
    assertThat(AccessPolicy.covers(held, doc().asViewer().expiringAt(NOW).build(), NOW))
        .isInstanceOf(Allowed.class);
    assertThat(AccessPolicy.covers(held, doc().asViewer().expiringAt(FUTURE.plusSeconds(1)).build(), NOW))
        .isEqualTo(new Denied("expiresAt must be at most " + FUTURE.getEpochSecond()
            + ", when the grant on organization 'org_123' that covers it expires"));
    assertThat(AccessPolicy.covers(held, doc().asViewer().build(), NOW))
        .as("no expiry is later than any")
        .isInstanceOf(Denied.class);
    assertThat(AccessPolicy.covers(grantSet(org().asEditor().expiringAt(PAST)), doc().asViewer().build(), NOW))
        .as("an expired grant covers nothing")
        .isInstanceOf(Denied.class);
  }
}
