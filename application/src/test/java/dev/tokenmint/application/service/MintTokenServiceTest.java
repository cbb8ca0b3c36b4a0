package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.application.port.out.AuditLog.MintRecord;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.ResourceExhaustedException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.AttributesUpdate;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MintTokenServiceTest {

  private final TestApplication app = TestApplication.standard();
  private final Caller issuer = caller(app, CredentialRole.ISSUER);

  private static Caller caller(TestApplication app, CredentialRole role) {
    return new Caller(app.defaultWorkspace, "credential-under-test", role);
  }

  private static MintTokenCommand command(String userId, Grant... grants) {
    return new MintTokenCommand(
        new User(userId, UserProfile.builder().name("John Doe").email("john@example.com").build()),
        GrantSet.of(List.of(grants)));
  }

  @Test
  void token_lives_exactly_48_hours_from_the_clock_and_is_signed_with_the_active_key() {
    MintedToken minted = app.mintToken.mint(issuer, command("user123"));

    assertThat(minted.issuedAt()).isEqualTo(TestApplication.NOW);
    assertThat(minted.lifetimeSeconds()).isEqualTo(48 * 3600);
    assertThat(app.signer.last().kid())
        .isEqualTo(app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow().kid());
    Map<String, Object> claims = app.signer.last().claims().asMap();
    assertThat(claims.get("iat")).isEqualTo(TestApplication.NOW.getEpochSecond());
    assertThat(claims.get("exp")).isEqualTo(TestApplication.NOW.getEpochSecond() + 48 * 3600);
    assertThat(claims.get("iss")).isEqualTo(TestApplication.ISSUER);
    assertThat(claims.get("jti")).isEqualTo(minted.jti());
  }

  @Test
  void every_token_gets_a_fresh_jti() {
    MintedToken first = app.mintToken.mint(issuer, command("user123"));
    MintedToken second = app.mintToken.mint(issuer, command("user123"));

    assertThat(first.jti()).isNotEqualTo(second.jti());
  }

  @Test
  void stored_grants_are_merged_and_the_request_wins_on_the_same_resource() {
    Document doc = new Document("doc_456", "org_123");
    app.grants.put(app.defaultWorkspace.id(), "user123", Grant.of(doc, AccessRole.EDITOR));
    app.grants.put(
        app.defaultWorkspace.id(),
        "user123",
        Grant.of(new Document("doc_9", "org_123"), AccessRole.VIEWER));

    MintedToken minted =
        app.mintToken.mint(issuer, command("user123", Grant.of(doc, AccessRole.VIEWER)));

    assertThat(minted.grantCount()).isEqualTo(2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> resources =
        (List<Map<String, Object>>)
            ((Map<String, Object>) app.signer.last().claims().asMap().get("permissions"))
                .get("resources");
    assertThat(resources)
        .extracting(r -> r.get("id") + ":" + r.get("accessRole"))
        .containsExactly("doc_456:viewer", "doc_9:viewer");
  }

  @Test
  void stored_grants_of_another_user_or_workspace_are_not_merged() {
    app.grants.put(
        app.defaultWorkspace.id(),
        "someone-else",
        Grant.of(new Organization("org_1"), AccessRole.EDITOR));
    app.grants.put(
        "another-workspace", "user123", Grant.of(new Organization("org_2"), AccessRole.EDITOR));

    MintedToken minted = app.mintToken.mint(issuer, command("user123"));

    assertThat(minted.grantCount()).isZero();
  }

  @Test
  void more_grants_than_the_limit_in_the_request_is_an_invalid_argument_naming_the_field() {
    TestApplication limited = TestApplication.withLimits(new TokenLimits(3, 128 * 1024, 8 * 1024));
    Grant[] grants =
        IntStream.range(0, 4)
            .mapToObj(i -> Grant.of(new Document("d" + i, "o"), AccessRole.VIEWER))
            .toArray(Grant[]::new);

    assertThatThrownBy(
            () ->
                limited.mintToken.mint(
                    caller(limited, CredentialRole.ISSUER), command("u", grants)))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> {
              assertThat(e.violations().get(0).field()).isEqualTo("permissions.resources");
              assertThat(e.getMessage()).contains("at most 3 grants").contains("names 4");
            });
    assertThat(limited.signer.signed()).isEmpty();
    assertThat(limited.audit.records()).isEmpty();
  }

  @Test
  void stored_grants_pushing_the_token_over_the_limit_is_resource_exhausted() {
    TestApplication limited = TestApplication.withLimits(new TokenLimits(2, 128 * 1024, 8 * 1024));
    for (int i = 0; i < 2; i++) {
      limited.grants.put(
          limited.defaultWorkspace.id(),
          "u",
          Grant.of(new Document("s" + i, "o"), AccessRole.VIEWER));
    }

    assertThatThrownBy(
            () ->
                limited.mintToken.mint(
                    caller(limited, CredentialRole.ISSUER),
                    command("u", Grant.of(new Document("r", "o"), AccessRole.EDITOR))))
        .isInstanceOf(ResourceExhaustedException.class)
        .hasMessageContaining("3 grants")
        .hasMessageContaining("limit of 2");
  }

  @Test
  void a_token_over_the_size_limit_is_refused_and_one_over_the_header_size_only_warned() {
    app.signer.padTokensBy(9000);
    MintedToken warned = app.mintToken.mint(issuer, command("u"));
    assertThat(warned.warnings()).singleElement().asString().contains("HTTP header");

    TestApplication small = TestApplication.withLimits(new TokenLimits(1000, 10_000, 8 * 1024));
    small.signer.padTokensBy(20_000);
    assertThatThrownBy(
            () -> small.mintToken.mint(caller(small, CredentialRole.ISSUER), command("u")))
        .isInstanceOf(ResourceExhaustedException.class)
        .hasMessageContaining("limit of 10000 bytes");
    assertThat(small.audit.records()).isEmpty();
  }

  @Test
  void small_tokens_carry_no_warning() {
    assertThat(app.mintToken.mint(issuer, command("u")).warnings()).isEmpty();
  }

  @Test
  void each_minted_token_is_audited_without_the_token() {
    MintedToken minted =
        app.mintToken.mint(
            issuer, command("user123", Grant.of(new Organization("org_1"), AccessRole.VIEWER)));

    assertThat(app.audit.records())
        .containsExactly(
            new MintRecord(
                TestApplication.NOW,
                app.defaultWorkspace.id(),
                "credential-under-test",
                "user123",
                minted.jti(),
                1,
                "velt",
                Optional.empty()));
  }

  @Test
  void admin_may_mint_too_and_the_role_check_comes_first() {
    assertThat(app.mintToken.mint(caller(app, CredentialRole.ADMIN), command("u")).token())
        .startsWith("signed-");
  }

  @Test
  void roles_come_from_the_stored_profile_and_are_absent_when_there_are_none() {
    app.mintToken.mint(issuer, command("user123"));
    assertThat(app.signer.last().claims().asMap()).doesNotContainKey("roles");

    app.users.save(
        app.defaultWorkspace.id(),
        new User(
            "user123", UserProfile.builder().name("Stored").roles(List.of("Manager")).build()));
    app.mintToken.mint(issuer, command("user123"));

    Map<String, Object> claims = app.signer.last().claims().asMap();
    assertThat(claims.get("roles")).isEqualTo(List.of("Manager"));
    assertThat(claims.get("userProperties"))
        .isEqualTo(Map.of("name", "John Doe", "email", "john@example.com", "isAdmin", false));
  }

  @Test
  void the_stored_profile_fills_what_the_request_leaves_out_and_the_request_wins_per_field() {
    app.users.save(
        app.defaultWorkspace.id(),
        new User(
            "user123",
            UserProfile.builder()
                .name("Stored Name")
                .email("stored@example.com")
                .roles(List.of("Manager"))
                .build()));

    app.mintToken.mint(
        issuer, new MintTokenCommand(new User("user123", UserProfile.empty()), GrantSet.empty()));
    Map<String, Object> onlyId = app.signer.last().claims().asMap();
    app.mintToken.mint(
        issuer,
        new MintTokenCommand(
            new User("user123", UserProfile.builder().name("Request Name").build()),
            GrantSet.empty()));
    Map<String, Object> withName = app.signer.last().claims().asMap();

    assertThat(onlyId.get("userProperties"))
        .isEqualTo(Map.of("name", "Stored Name", "email", "stored@example.com", "isAdmin", false));
    assertThat(onlyId.get("roles")).isEqualTo(List.of("Manager"));
    assertThat(withName.get("userProperties"))
        .isEqualTo(Map.of("name", "Request Name", "email", "stored@example.com", "isAdmin", false));
  }

  @Test
  void a_workspace_other_than_the_default_issues_under_its_own_issuer_url() {
    var other =
        new dev.tokenmint.domain.workspace.Workspace(
            "ws-2",
            "tmk_other_ws",
            "other",
            false,
            TestApplication.ISSUER + "/workspaces/tmk_other_ws");
    app.workspaces.create(other);
    app.keyService.ensureActiveKey(other, dev.tokenmint.domain.key.SigningAlgorithm.ES256);

    app.mintToken.mint(new Caller(other, "c2", CredentialRole.ISSUER), command("u"));

    assertThat(app.signer.last().claims().asMap().get("iss"))
        .isEqualTo(TestApplication.ISSUER + "/workspaces/tmk_other_ws");
    assertThat(app.signer.last().kid())
        .isEqualTo(app.keyRing.activeKey("ws-2").orElseThrow().kid())
        .isNotEqualTo(app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow().kid());
  }

  private Map<String, Object> mintedAttributes(Map<String, Object> requested) {
    app.mintToken.mint(
        issuer,
        new MintTokenCommand(
            new User("user123", UserProfile.empty()),
            GrantSet.empty(),
            AttributesUpdate.fromWire(requested)));
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes =
        (Map<String, Object>) app.signer.last().claims().asMap().get("attributes");
    return attributes;
  }

  private void storeAttributes(String workspaceId, Map<String, Object> stored) {
    app.users.save(workspaceId, new User("user123", UserProfile.empty()));
    app.users.saveAttributes(workspaceId, "user123", Attributes.of(stored));
  }

  @Test
  void stored_attributes_are_minted_and_the_request_wins_per_name() {
    storeAttributes(app.defaultWorkspace.id(), Map.of("region", "EU", "tenant", "acme"));
    Map<String, Object> requested = new java.util.HashMap<>();
    requested.put("region", "US");
    requested.put("tenant", null);
    requested.put("teams", List.of("red"));

    assertThat(mintedAttributes(requested))
        .isEqualTo(Map.of("region", "US", "teams", List.of("red")));
    assertThat(app.users.attributesOf(app.defaultWorkspace.id(), List.of("user123")).get("user123"))
        .isEqualTo(Attributes.of(Map.of("region", "EU", "tenant", "acme")));
  }

  @Test
  void a_token_without_attributes_has_no_attributes_claim() {
    assertThat(mintedAttributes(Map.of())).isNull();
    assertThat(app.signer.last().claims().asMap()).doesNotContainKey("attributes");
  }

  @Test
  void attributes_of_another_workspace_are_not_minted() {
    app.users.save("another-workspace", new User("user123", UserProfile.empty()));
    app.users.saveAttributes("another-workspace", "user123", Attributes.of(Map.of("region", "EU")));

    assertThat(mintedAttributes(Map.of())).isNull();
  }

  @Test
  void stored_and_requested_attributes_together_keep_to_the_limits() {
    Map<String, Object> stored = new java.util.HashMap<>();
    Map<String, Object> requested = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) {
      stored.put("s" + i, i);
      requested.put("r" + i, i);
    }
    storeAttributes(app.defaultWorkspace.id(), stored);

    assertThatThrownBy(() -> mintedAttributes(requested))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> {
              assertThat(e.violations()).extracting(v -> v.field()).containsExactly("attributes");
              assertThat(e.getMessage())
                  .contains("at most 50 names, got 80")
                  .contains("40 names already there");
            });
    assertThat(app.signer.signed()).isEmpty();
  }

  @Test
  void prefix_grants_are_minted_as_given_and_merged_with_stored_ones_by_pattern() {
    Document reports = new Document("report_*", "org_123");
    app.grants.put(app.defaultWorkspace.id(), "user123", Grant.of(reports, AccessRole.EDITOR));
    app.grants.put(
        app.defaultWorkspace.id(),
        "user123",
        Grant.of(new Document("report_1", "org_123"), AccessRole.EDITOR));

    MintedToken minted =
        app.mintToken.mint(issuer, command("user123", Grant.of(reports, AccessRole.VIEWER)));

    assertThat(minted.grantCount()).isEqualTo(2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> resources =
        (List<Map<String, Object>>)
            ((Map<String, Object>) app.signer.last().claims().asMap().get("permissions"))
                .get("resources");
    assertThat(resources)
        .extracting(r -> r.get("id") + ":" + r.get("accessRole"))
        .containsExactly("report_*:viewer", "report_1:editor");
  }
}
