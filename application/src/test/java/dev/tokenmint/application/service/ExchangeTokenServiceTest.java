package dev.tokenmint.application.service;

import static dev.tokenmint.domain.fixture.Grants.aGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.ExchangeToken;
import dev.tokenmint.application.port.in.ExchangeToken.ExchangedToken;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExchangeTokenServiceTest {

  private final TestApplication app = TestApplication.standard();
  private final Caller issuer = new Caller(app.defaultWorkspace, "i", CredentialRole.ISSUER);
  private final Caller admin = new Caller(app.defaultWorkspace, "a", CredentialRole.ADMIN);

  private static final Grant ORG_EDITOR = aGrant().onOrganization("org_123").asEditor().build();
  private static final Grant DOC_VIEWER =
      aGrant().onDocument("doc_456").inOrganization("org_123").asViewer().build();

  private String mint(Grant... grants) {
    return app.mintToken
        .mint(
            issuer,
            new MintTokenCommand(new User("u1", UserProfile.empty()), GrantSet.of(List.of(grants))))
        .token();
  }

  private ExchangeToken.Subject subject(String token) {
    ExchangeToken.SubjectCheck check = app.exchangeToken.subject(Optional.empty(), token);
    assertThat(check).isInstanceOf(ExchangeToken.Accepted.class);
    return ((ExchangeToken.Accepted) check).subject();
  }

  @Test
  void the_child_carries_exactly_the_requested_grants_expires_with_its_parent_and_is_audited() {
    String parent = mint(ORG_EDITOR);
    var parentClaims = app.signer.last().claims();

    ExchangedToken child =
        app.exchangeToken.exchange(
            subject(parent), GrantSet.of(List.of(DOC_VIEWER)), Optional.of("rid-1"));

    var claims = app.signer.last().claims();
    assertThat(child.grants()).isEqualTo(GrantSet.of(List.of(DOC_VIEWER)));
    assertThat(child.expiresAt().getEpochSecond()).isEqualTo(parentClaims.get("exp").orElseThrow());
    assertThat(child.parentJti()).isEqualTo(parentClaims.get("jti").orElseThrow());
    assertThat(claims.get("tokenmint_parent")).isEqualTo(parentClaims.get("jti"));
    assertThat(claims.get("permissions"))
        .contains(
            java.util.Map.of(
                "resources",
                List.of(
                    java.util.Map.of(
                        "type",
                        "document",
                        "id",
                        "doc_456",
                        "organizationId",
                        "org_123",
                        "accessRole",
                        "viewer"))));
    var events =
        app.readAudit.read(
            admin,
            new dev.tokenmint.application.port.in.ReadAudit.AuditQuery(
                Optional.of("token.exchanged"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                10,
                Optional.empty()));
    assertThat(events.events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.target()).isEqualTo(parentClaims.get("jti"));
              assertThat(event.jti()).contains(child.jti());
              assertThat(event.actor()).isEqualTo("subject-token");
              assertThat(event.requestId()).contains("rid-1");
            });
  }

  @Test
  void a_grant_wider_than_the_subject_is_refused_naming_its_index() {
    ExchangeToken.Subject subject = subject(mint(DOC_VIEWER));

    assertThatThrownBy(
            () ->
                app.exchangeToken.exchange(
                    subject, GrantSet.of(List.of(DOC_VIEWER, ORG_EDITOR)), Optional.empty()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage(
            "[1]: is wider than the subject token: the editor grant on organization 'org_123' would"
                + " decide for organization 'org_123', where the subject token allows nothing");
  }

  @Test
  void a_revoked_parent_refuses_its_child_as_a_subject_and_at_verification() {
    String parent = mint(ORG_EDITOR);
    String child =
        app.exchangeToken
            .exchange(subject(parent), GrantSet.of(List.of(ORG_EDITOR)), Optional.empty())
            .token();

    app.verification.revoke(admin, Optional.of(parent), Optional.empty());

    assertThat(app.exchangeToken.subject(Optional.empty(), child))
        .isInstanceOfSatisfying(
            ExchangeToken.Refused.class,
            refused -> assertThat(refused.reason()).contains("revoked"));
    assertThat(app.verification.verify(issuer, child))
        .isInstanceOfSatisfying(
            dev.tokenmint.domain.verification.Refused.class,
            refused -> assertThat(refused.rejection().wireName()).isEqualTo("revoked"));
  }

  @Test
  void a_subject_of_another_workspace_is_refused_and_an_unknown_workspace_is_not_found() {
    var other = app.workspaceService.create("other");
    Caller otherIssuer = new Caller(other.workspace(), "o", CredentialRole.ADMIN);
    String foreign =
        app.mintToken
            .mint(
                otherIssuer,
                new MintTokenCommand(new User("u2", UserProfile.empty()), GrantSet.empty()))
            .token();

    assertThat(app.exchangeToken.subject(Optional.empty(), foreign))
        .isInstanceOf(ExchangeToken.Refused.class);
    assertThat(app.exchangeToken.subject(Optional.of(other.workspace().apiKey()), foreign))
        .isInstanceOf(ExchangeToken.Accepted.class);
    assertThatThrownBy(() -> app.exchangeToken.subject(Optional.of("tmk_nobody_here"), foreign))
        .isInstanceOf(NotFoundException.class);
  }

  private static final Grant REPORTS =
      aGrant().onDocument("report_*").inOrganization("org_123").asEditor().build();

  @Test
  void a_prefix_narrows_to_a_longer_prefix_or_an_exact_id() {
    ExchangeToken.Subject subject = subject(mint(REPORTS));
    GrantSet narrower =
        GrantSet.of(
            List.of(
                aGrant().onDocument("report_2024_*").inOrganization("org_123").asViewer().build(),
                aGrant().onDocument("report_q1").inOrganization("org_123").asEditor().build()));

    ExchangedToken child = app.exchangeToken.exchange(subject, narrower, Optional.empty());

    assertThat(child.grants()).isEqualTo(narrower);
  }

  @Test
  void a_prefix_is_never_widened() {
    ExchangeToken.Subject subject = subject(mint(REPORTS));

    assertThatThrownBy(
            () ->
                app.exchangeToken.exchange(
                    subject,
                    GrantSet.of(
                        List.of(
                            aGrant()
                                .onDocument("rep*")
                                .inOrganization("org_123")
                                .asViewer()
                                .build())),
                    Optional.empty()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith(
            "[0]: is wider than the subject token: the viewer grant on document 'rep*' would decide"
                + " for ");
  }

  @Test
  void the_subjects_attributes_are_copied_unchanged() {
    String parent =
        app.mintToken
            .mint(
                issuer,
                new MintTokenCommand(
                    new User("u1", UserProfile.empty()),
                    GrantSet.of(List.of(REPORTS)),
                    dev.tokenmint.domain.user.AttributesUpdate.fromWire(
                        java.util.Map.of("region", "EU", "teams", List.of("red")))))
            .token();

    app.exchangeToken.exchange(subject(parent), GrantSet.of(List.of()), Optional.empty());

    assertThat(app.signer.last().claims().get("attributes"))
        .contains(java.util.Map.of("region", "EU", "teams", List.of("red")));
  }
}
