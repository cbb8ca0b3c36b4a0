package dev.tokenmint.domain.access;

import static dev.tokenmint.domain.fixture.Grants.aGrant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.access.AccessDecision.Allowed;
import dev.tokenmint.domain.access.AccessDecision.Denied;
import dev.tokenmint.domain.access.AccessPolicy.Applicable;
import dev.tokenmint.domain.access.AccessPolicy.Level;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Prefix grants in the access rule: the worked table of docs/access.md, row by row. */
class PrefixGrantsTest {

  private static final Instant NOW = Instant.parse("2026-04-27T12:00:00Z");

  private static final Grant ORG_VIEWER = aGrant().onOrganization("org_a").asViewer().build();
  private static final Grant FINANCE_FOLDERS =
      aGrant().onFolder("finance_*").inOrganization("org_a").asEditor().build();
  private static final Grant FINANCE_2024 =
      aGrant().onFolder("finance_2024").inOrganization("org_a").asViewer().build();
  private static final Grant REPORTS =
      aGrant().onDocument("report_*").inOrganization("org_a").asViewer().build();
  private static final Grant Q1_REPORTS_EXPIRED =
      aGrant()
          .onDocument("report_q1_*")
          .inOrganization("org_a")
          .asEditor()
          .expiringAt(NOW.minusSeconds(1))
          .build();
  private static final Grant Q1_DRAFT =
      aGrant().onDocument("report_q1_draft").inOrganization("org_a").asEditor().build();

  private static final GrantSet GRANTS =
      GrantSet.of(
          List.of(
              ORG_VIEWER, FINANCE_FOLDERS, FINANCE_2024, REPORTS, Q1_REPORTS_EXPIRED, Q1_DRAFT));

  private static AccessDecision document(String id, String folderId) {
    return AccessPolicy.effectiveAccess(
        GRANTS, new AccessTarget(new Document(id, "org_a"), Optional.ofNullable(folderId)), NOW);
  }

  private static AccessDecision folder(String id) {
    return AccessPolicy.effectiveAccess(GRANTS, AccessTarget.of(new Folder(id, "org_a")), NOW);
  }

  @Test
  void the_exact_document_grant_decides_first() {
    assertThat(document("report_q1_draft", "finance_2024")).isEqualTo(new Allowed(Q1_DRAFT));
  }

  @Test
  void an_expired_longer_prefix_is_inert_and_the_next_longest_decides() {
    assertThat(document("report_q1_final", "finance_2024")).isEqualTo(new Allowed(REPORTS));
  }

  @Test
  void a_document_prefix_decides_before_any_folder_grant() {
    assertThat(document("report_7", "finance_2023")).isEqualTo(new Allowed(REPORTS));
  }

  @Test
  void the_exact_folder_decides_before_a_folder_prefix() {
    assertThat(document("memo_1", "finance_2024")).isEqualTo(new Allowed(FINANCE_2024));
    assertThat(folder("finance_2024")).isEqualTo(new Allowed(FINANCE_2024));
  }

  @Test
  void a_folder_prefix_decides_for_documents_in_folders_it_covers() {
    assertThat(document("memo_1", "finance_2023")).isEqualTo(new Allowed(FINANCE_FOLDERS));
    assertThat(folder("finance_")).isEqualTo(new Allowed(FINANCE_FOLDERS));
  }

  @Test
  void the_organization_decides_when_nothing_more_specific_applies() {
    assertThat(document("memo_1", null)).isEqualTo(new Allowed(ORG_VIEWER));
    assertThat(document("memo_1", "hr")).isEqualTo(new Allowed(ORG_VIEWER));
    assertThat(folder("hr")).isEqualTo(new Allowed(ORG_VIEWER));
    assertThat(folder("Finance_2024")).isEqualTo(new Allowed(ORG_VIEWER));
  }

  @Test
  void a_prefix_of_one_organization_decides_nothing_in_another() {
    AccessDecision decision =
        AccessPolicy.effectiveAccess(
            GRANTS, AccessTarget.of(new Document("report_q1_draft", "org_b")), NOW);

    assertThat(decision)
        .isEqualTo(new Denied("no grant on document 'report_q1_draft', organization 'org_b'"));
  }

  @Test
  void a_prefix_of_documents_decides_nothing_for_folders() {
    GrantSet onlyDocuments = GrantSet.of(List.of(REPORTS));

    assertThat(
            AccessPolicy.effectiveAccess(
                onlyDocuments, AccessTarget.of(new Folder("report_1", "org_a")), NOW))
        .isInstanceOf(Denied.class);
  }

  @Test
  void a_star_alone_covers_every_document_of_the_organization() {
    Grant everyDocument = aGrant().onDocument("*").inOrganization("org_a").asViewer().build();
    GrantSet grants = GrantSet.of(List.of(everyDocument, REPORTS));

    assertThat(
            AccessPolicy.effectiveAccess(
                grants, AccessTarget.of(new Document("anything", "org_a")), NOW))
        .isEqualTo(new Allowed(everyDocument));
    assertThat(
            AccessPolicy.effectiveAccess(
                grants, AccessTarget.of(new Document("report_1", "org_a")), NOW))
        .isEqualTo(new Allowed(REPORTS));
  }

  @Test
  void every_applicable_grant_is_listed_in_the_order_it_decides() {
    List<Applicable> applicable =
        AccessPolicy.applicable(
            GRANTS,
            new AccessTarget(
                new Document("report_q1_draft", "org_a"), Optional.of("finance_2024")));

    assertThat(applicable)
        .containsExactly(
            new Applicable(Q1_DRAFT, Level.EXACT_DOCUMENT),
            new Applicable(Q1_REPORTS_EXPIRED, Level.DOCUMENT_PREFIX),
            new Applicable(REPORTS, Level.DOCUMENT_PREFIX),
            new Applicable(FINANCE_2024, Level.EXACT_FOLDER),
            new Applicable(FINANCE_FOLDERS, Level.FOLDER_PREFIX),
            new Applicable(ORG_VIEWER, Level.ORGANIZATION));
  }

  @Test
  void when_every_applicable_grant_has_expired_the_reason_names_the_patterns() {
    Grant expiredReports =
        aGrant()
            .onDocument("report_*")
            .inOrganization("org_a")
            .expiringAt(NOW.minusSeconds(5))
            .build();

    AccessDecision decision =
        AccessPolicy.effectiveAccess(
            GrantSet.of(List.of(expiredReports)),
            AccessTarget.of(new Document("report_1", "org_a")),
            NOW);

    assertThat(decision)
        .isEqualTo(
            new Denied(
                "every grant that applies has expired: [document 'report_*' expired at "
                    + NOW.minusSeconds(5).getEpochSecond()
                    + "]"));
  }

  @Test
  void a_weaker_prefix_decides_over_a_stronger_organization_grant() {
    Grant orgEditor = aGrant().onOrganization("org_a").asEditor().build();
    GrantSet grants = GrantSet.of(List.of(orgEditor, REPORTS));

    AccessDecision check =
        AccessPolicy.check(
            grants, AccessTarget.of(new Document("report_1", "org_a")), AccessRole.EDITOR, NOW);

    assertThat(check)
        .isEqualTo(
            new Denied(
                "editor access needed, but the viewer grant on document 'report_*' decides"));
  }

  @Test
  void an_organization_grant_applies_to_a_pattern_free_question_only_by_its_organization() {
    assertThat(
            AccessPolicy.effectiveAccess(GRANTS, AccessTarget.of(new Organization("org_a")), NOW))
        .isEqualTo(new Allowed(ORG_VIEWER));
  }
}
