package dev.tokenmint.domain.grant;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessPolicy;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrantTest {

  private static final Optional<String> ORG_123 = Optional.of("org_123");
  private static final String EXPIRES_AT_RULE = "must be Unix seconds in [1, 253402300800), got ";

  @Test
  void access_role_defaults_to_editor() {
    Grant grant =
        Grant.fromWire(
            "organization", "org_123", Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(grant).isEqualTo(Grant.of(new Organization("org_123"), AccessRole.EDITOR));
  }

  @Test
  void lowercase_roles_are_accepted() {
    assertThat(fromWireWithRole("viewer").role()).isEqualTo(AccessRole.VIEWER);
    assertThat(fromWireWithRole("editor").role()).isEqualTo(AccessRole.EDITOR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Editor", "VIEWER", "owner", "admin", "read", ""})
  void role_outside_the_lowercase_set_is_refused_listing_the_allowed_values(String role) {
    assertThat(violationsOf(() -> fromWireWithRole(role)))
        .containsExactly(
            new Violation("accessRole", "must be one of [viewer, editor], got '" + role + "'"));
  }

  @Test
  void document_grant_from_wire_carries_everything() {
    Grant grant =
        Grant.fromWire(
            "document", "doc_456", ORG_123, Optional.of("viewer"), Optional.of(1_640_995_200L));

    assertThat(grant.resource()).isEqualTo(new Document("doc_456", "org_123"));
    assertThat(grant.role()).isEqualTo(AccessRole.VIEWER);
    assertThat(grant.expiresAt()).contains(Instant.ofEpochSecond(1_640_995_200L));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE, 253_402_300_800L, Long.MAX_VALUE})
  void expires_at_outside_one_second_to_year_10000_is_refused(long expiresAt) {
    assertThat(violationsOf(() -> fromWireExpiringAt(expiresAt)))
        .containsExactly(new Violation("expiresAt", EXPIRES_AT_RULE + expiresAt));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 1_640_995_200L, 253_402_300_799L})
  void expires_at_from_one_second_to_the_last_second_of_year_9999_is_accepted(long expiresAt) {
    assertThat(fromWireExpiringAt(expiresAt).expiresAt())
        .contains(Instant.ofEpochSecond(expiresAt));
  }

  @Test
  void past_expires_at_is_accepted_and_inert() {
    // The documented Velt example grants editor on doc_456 until 2022-01-01.
    Grant grant =
        Grant.fromWire(
            "document", "doc_456", ORG_123, Optional.of("editor"), Optional.of(1_640_995_200L));
    Instant now = Instant.parse("2026-04-27T12:00:00Z");

    assertThat(grant.isActiveAt(now)).isFalse();
    AccessDecision decision =
        AccessPolicy.effectiveAccess(
            GrantSet.of(List.of(grant)), AccessTarget.of(grant.resource()), now);
    assertThat(decision)
        .isEqualTo(
            new AccessDecision.Denied(
                "every grant that applies has expired: [document 'doc_456' expired at"
                    + " 1640995200]"));
  }

  @Test
  void grant_is_active_until_just_before_its_expiry_and_expired_from_it() {
    Instant expiry = Instant.ofEpochSecond(1_800_000_000L);
    Grant grant = new Grant(new Organization("org_123"), AccessRole.VIEWER, Optional.of(expiry));

    assertThat(grant.isActiveAt(expiry.minusMillis(1))).isTrue();
    assertThat(grant.isActiveAt(expiry)).isFalse();
    assertThat(grant.isActiveAt(expiry.plusSeconds(1))).isFalse();
  }

  @Test
  void grant_without_expiry_never_expires() {
    assertThat(Grant.of(new Organization("org_123"), AccessRole.EDITOR).isActiveAt(Instant.MAX))
        .isTrue();
  }

  @Test
  void constructor_applies_the_same_expiry_bounds() {
    assertThat(
            violationsOf(
                () ->
                    new Grant(
                        new Organization("org_123"),
                        AccessRole.EDITOR,
                        Optional.of(Instant.ofEpochSecond(253_402_300_800L)))))
        .containsExactly(new Violation("expiresAt", EXPIRES_AT_RULE + 253_402_300_800L));
    assertThat(
            violationsOf(
                () ->
                    new Grant(
                        new Organization("org_123"),
                        AccessRole.EDITOR,
                        Optional.of(Instant.EPOCH))))
        .containsExactly(new Violation("expiresAt", EXPIRES_AT_RULE + 0));
  }

  @Test
  void every_broken_rule_is_reported_at_once() {
    List<Violation> violations =
        violationsOf(
            () ->
                Grant.fromWire(
                    "Document", "", Optional.empty(), Optional.of("owner"), Optional.of(0L)));

    assertThat(violations)
        .containsExactly(
            new Violation(
                "type", "must be one of [organization, folder, document], got 'Document'"),
            new Violation("id", "is required and must not be empty"),
            new Violation("accessRole", "must be one of [viewer, editor], got 'owner'"),
            new Violation("expiresAt", EXPIRES_AT_RULE + 0));
  }

  @Test
  void resource_and_grant_violations_are_reported_together() {
    assertThat(
            violationsOf(
                () ->
                    Grant.fromWire(
                        "folder",
                        "f_1",
                        Optional.empty(),
                        Optional.of("Editor"),
                        Optional.empty())))
        .extracting(Violation::field)
        .containsExactly("organizationId", "accessRole");
  }

  @Test
  void editor_includes_viewer_but_viewer_does_not_include_editor() {
    assertThat(AccessRole.EDITOR.includes(AccessRole.VIEWER)).isTrue();
    assertThat(AccessRole.EDITOR.includes(AccessRole.EDITOR)).isTrue();
    assertThat(AccessRole.VIEWER.includes(AccessRole.VIEWER)).isTrue();
    assertThat(AccessRole.VIEWER.includes(AccessRole.EDITOR)).isFalse();
  }

  private static Grant fromWireWithRole(String role) {
    return Grant.fromWire("document", "doc_456", ORG_123, Optional.of(role), Optional.empty());
  }

  private static Grant fromWireExpiringAt(long expiresAt) {
    return Grant.fromWire("document", "doc_456", ORG_123, Optional.empty(), Optional.of(expiresAt));
  }
}
