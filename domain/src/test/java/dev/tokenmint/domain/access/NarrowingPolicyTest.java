package dev.tokenmint.domain.access;

import static dev.tokenmint.domain.fixture.Grants.aGrant;
import static dev.tokenmint.domain.fixture.Grants.grantSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.grant.GrantSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Narrowing for token exchange: a child never allows more than its parent. */
class NarrowingPolicyTest {

  private static final Instant NOW = Instant.parse("2026-04-27T12:00:00Z");
  private static final Instant UNTIL = NOW.plusSeconds(3600);

  private static final GrantSet PARENT =
      grantSet(
          aGrant().onDocument("report_*").inOrganization("org_a").asEditor(),
          aGrant().onFolder("finance_*").inOrganization("org_a").asViewer());

  private static Narrowing narrows(GrantSet held, GrantSet wanted) {
    return NarrowingPolicy.narrows(held, wanted, NOW, UNTIL);
  }

  @Test
  void a_longer_prefix_an_exact_id_or_a_weaker_role_stays_within() {
    assertThat(
            narrows(
                PARENT,
                grantSet(
                    aGrant().onDocument("report_2024_*").inOrganization("org_a").asEditor(),
                    aGrant().onDocument("report_q1").inOrganization("org_a").asViewer(),
                    aGrant().onFolder("finance_eu").inOrganization("org_a").asViewer())))
        .isEqualTo(new Narrowing.Within());
    assertThat(narrows(PARENT, PARENT)).isEqualTo(new Narrowing.Within());
    assertThat(narrows(PARENT, GrantSet.empty())).isEqualTo(new Narrowing.Within());
  }

  @Test
  void a_shorter_prefix_widens() {
    Narrowing narrowing =
        narrows(PARENT, grantSet(aGrant().onDocument("rep*").inOrganization("org_a").asViewer()));

    assertThat(narrowing).isInstanceOf(Narrowing.Wider.class);
    assertThat(((Narrowing.Wider) narrowing).grant().resource().id()).isEqualTo("rep*");
    assertThat(((Narrowing.Wider) narrowing).reason())
        .startsWith("the viewer grant on document 'rep*' would decide for ")
        .endsWith("where the subject token allows nothing");
  }

  @Test
  void a_stronger_role_widens_and_says_what_the_parent_allows() {
    Narrowing narrowing =
        narrows(
            PARENT, grantSet(aGrant().onFolder("finance_eu").inOrganization("org_a").asEditor()));

    assertThat(narrowing)
        .isEqualTo(
            new Narrowing.Wider(
                aGrant().onFolder("finance_eu").inOrganization("org_a").asEditor().build(),
                "the editor grant on folder 'finance_eu' would decide for folder 'finance_eu',"
                    + " where the subject token allows only viewer (by the grant on folder"
                    + " 'finance_*')"));
  }

  @Test
  void another_organization_widens() {
    assertThat(
            narrows(
                PARENT,
                grantSet(aGrant().onDocument("report_*").inOrganization("org_b").asViewer())))
        .isInstanceOf(Narrowing.Wider.class);
  }

  @Test
  void a_document_under_an_organization_grant_is_covered() {
    GrantSet organization = grantSet(aGrant().onOrganization("org_a").asEditor());

    assertThat(
            narrows(
                organization,
                grantSet(aGrant().onDocument("report_*").inOrganization("org_a").asViewer())))
        .isEqualTo(new Narrowing.Within());
  }

  @Test
  void dropping_a_narrower_parent_grant_that_the_kept_broader_one_would_override_widens() {
    GrantSet parent =
        grantSet(
            aGrant().onOrganization("org_a").asEditor(),
            aGrant().onDocument("report_*").inOrganization("org_a").asViewer());

    assertThat(narrows(parent, grantSet(aGrant().onOrganization("org_a").asEditor())))
        .isInstanceOf(Narrowing.Wider.class);
    assertThat(narrows(parent, parent)).isEqualTo(new Narrowing.Within());
  }

  @Test
  void a_child_grant_that_outlives_the_parent_grant_it_stands_on_widens_from_that_instant() {
    Instant halfway = NOW.plusSeconds(1800);
    GrantSet parent =
        grantSet(
            aGrant().onDocument("report_*").inOrganization("org_a").asEditor().expiringAt(halfway));

    Narrowing forever =
        narrows(
            parent, grantSet(aGrant().onDocument("report_1").inOrganization("org_a").asViewer()));
    Narrowing shorter =
        narrows(
            parent,
            grantSet(
                aGrant()
                    .onDocument("report_1")
                    .inOrganization("org_a")
                    .asViewer()
                    .expiringAt(halfway)));

    assertThat(forever).isInstanceOf(Narrowing.Wider.class);
    assertThat(((Narrowing.Wider) forever).reason())
        .contains("from " + halfway.getEpochSecond() + " on");
    assertThat(shorter).isEqualTo(new Narrowing.Within());
    assertThat(
            NarrowingPolicy.narrows(
                parent,
                grantSet(aGrant().onDocument("report_1").inOrganization("org_a").asViewer()),
                NOW,
                halfway))
        .isEqualTo(new Narrowing.Within());
  }

  @Test
  void an_expired_parent_grant_covers_nothing() {
    GrantSet parent =
        grantSet(
            aGrant()
                .onDocument("report_*")
                .inOrganization("org_a")
                .asEditor()
                .expiringAt(NOW.minusSeconds(1)));

    assertThat(
            narrows(
                parent,
                grantSet(aGrant().onDocument("report_1").inOrganization("org_a").asViewer())))
        .isInstanceOf(Narrowing.Wider.class);
  }

  @Test
  void a_folder_grant_covers_no_document_on_its_own() {
    GrantSet parent = grantSet(aGrant().onFolder("finance_*").inOrganization("org_a").asEditor());

    // A document grant decides for its document whatever folder it is said to be in.
    assertThat(
            narrows(parent, grantSet(aGrant().onDocument("d1").inOrganization("org_a").asViewer())))
        .isInstanceOf(Narrowing.Wider.class);
  }

  @Test
  void a_document_grant_covers_nothing_above_it() {
    GrantSet documentOnly = grantSet(aGrant().onDocument("d1").inOrganization("org_a").asEditor());

    assertThat(narrows(documentOnly, grantSet(aGrant().onOrganization("org_a").asViewer())))
        .isInstanceOf(Narrowing.Wider.class);
    assertThat(
            narrows(
                documentOnly,
                grantSet(aGrant().onDocument("d1").inOrganization("org_a").asViewer())))
        .isEqualTo(new Narrowing.Within());
  }

  @Test
  void a_grant_standing_on_an_expiring_one_must_expire_no_later_than_it_or_the_child() {
    Instant soon = NOW.plusSeconds(60);
    GrantSet held = grantSet(aGrant().onOrganization("org_a").asEditor().expiringAt(soon));

    assertThat(
            narrows(
                held,
                grantSet(
                    aGrant().onDocument("d1").inOrganization("org_a").asViewer().expiringAt(soon))))
        .isEqualTo(new Narrowing.Within());
    assertThat(
            narrows(
                held,
                grantSet(
                    aGrant().onDocument("d1").inOrganization("org_a").asViewer().expiringAt(NOW))))
        .as("a grant already expired allows nothing")
        .isEqualTo(new Narrowing.Within());
    assertThat(
            narrows(
                held,
                grantSet(
                    aGrant()
                        .onDocument("d1")
                        .inOrganization("org_a")
                        .asViewer()
                        .expiringAt(soon.plusSeconds(1)))))
        .isEqualTo(
            new Narrowing.Wider(
                aGrant()
                    .onDocument("d1")
                    .inOrganization("org_a")
                    .asViewer()
                    .expiringAt(soon.plusSeconds(1))
                    .build(),
                "the viewer grant on document 'd1' would decide for document 'd1' from "
                    + soon.getEpochSecond()
                    + " on, where the subject token allows nothing"));
    assertThat(
            narrows(held, grantSet(aGrant().onDocument("d1").inOrganization("org_a").asViewer())))
        .as("no expiry is later than any")
        .isInstanceOf(Narrowing.Wider.class);
  }
}
