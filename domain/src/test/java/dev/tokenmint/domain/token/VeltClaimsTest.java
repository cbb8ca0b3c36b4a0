package dev.tokenmint.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VeltClaimsTest {

  private static TokenClaims withResources(Object resources) {
    return new TokenClaims(Map.of("sub", "u1", "permissions", Map.of("resources", resources)));
  }

  private static Map<String, Object> document(String name, Object value) {
    Map<String, Object> grant = new LinkedHashMap<>();
    grant.put("type", "document");
    grant.put("id", "doc_1");
    grant.put("organizationId", "org_1");
    grant.put("accessRole", "viewer");
    grant.put(name, value);
    return grant;
  }

  @Test
  void grants_read_back_as_the_profile_wrote_them() {
    Grant expiring =
        new Grant(
            new Document("doc_1", "org_1"),
            AccessRole.VIEWER,
            Optional.of(Instant.ofEpochSecond(1_640_995_200L)));
    Grant forever = Grant.of(new Organization("org_1"), AccessRole.EDITOR);

    assertThat(
            VeltClaims.grantsOf(
                    withResources(
                        List.of(
                            document("expiresAt", 1_640_995_200L),
                            Map.of("type", "organization", "id", "org_1", "accessRole", "editor"))))
                .asList())
        .containsExactly(expiring, forever);
  }

  @Test
  void no_permissions_or_no_resources_is_no_grant() {
    assertThat(VeltClaims.grantsOf(new TokenClaims(Map.of("sub", "u1"))).size()).isZero();
    assertThat(VeltClaims.grantsOf(new TokenClaims(Map.of("permissions", Map.of()))).size())
        .isZero();
  }

  static Stream<Arguments> badlyTyped() {
    return Stream.of(
        // A grant whose expiry cannot be read must not be read as a grant that never expires.
        argumentSet(
            "expiresAt the string \"1\"", withResources(List.of(document("expiresAt", "1")))),
        argumentSet("expiresAt true", withResources(List.of(document("expiresAt", true)))),
        argumentSet("expiresAt [1]", withResources(List.of(document("expiresAt", List.of(1L))))),
        argumentSet(
            "expiresAt an object", withResources(List.of(document("expiresAt", Map.of("s", 1L))))),
        argumentSet("expiresAt negative", withResources(List.of(document("expiresAt", -1L)))),
        argumentSet("expiresAt 0", withResources(List.of(document("expiresAt", 0L)))),
        argumentSet(
            "expiresAt in year 10000",
            withResources(List.of(document("expiresAt", 253_402_300_800L)))),
        argumentSet(
            "expiresAt Long.MAX_VALUE",
            withResources(List.of(document("expiresAt", Long.MAX_VALUE)))),
        // Likewise a role that cannot be read must not default to editor.
        argumentSet("accessRole 1", withResources(List.of(document("accessRole", 1L)))),
        argumentSet(
            "accessRole [\"viewer\"]",
            withResources(List.of(document("accessRole", List.of("viewer"))))),
        argumentSet(
            "organizationId true", withResources(List.of(document("organizationId", true)))),
        argumentSet("id 7", withResources(List.of(document("id", 7L)))),
        argumentSet(
            "type [\"document\"]", withResources(List.of(document("type", List.of("document"))))),
        argumentSet(
            "a grant that is a number",
            withResources(List.of(document("accessRole", "viewer"), 1L))),
        argumentSet("resources an object", withResources(Map.of("type", "organization"))),
        argumentSet("resources a string", withResources("org_1")),
        argumentSet("permissions a list", new TokenClaims(Map.of("permissions", List.of()))));
  }

  @Test
  void read_gives_the_user_id_times_and_grants_typed() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "u1");
    claims.put("jti", "jti-1");
    claims.put("iat", 1_640_995_200L);
    claims.put("exp", 1_640_998_800L);
    claims.put("permissions", Map.of("resources", List.of(document("expiresAt", 1_640_998_800L))));

    VeltClaims read = VeltClaims.read(new TokenClaims(claims));

    assertThat(read.subject()).isEqualTo("u1");
    assertThat(read.jti()).isEqualTo("jti-1");
    assertThat(read.issuedAt()).isEqualTo(Instant.ofEpochSecond(1_640_995_200L));
    assertThat(read.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_640_998_800L));
    assertThat(read.grants().asList())
        .extracting(grant -> grant.resource().id())
        .containsExactly("doc_1");
  }

  @Test
  void read_names_a_claim_that_is_missing_or_of_another_type() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "u1");
    claims.put("jti", "jti-1");
    claims.put("iat", "1640995200");

    assertThatThrownBy(() -> VeltClaims.read(new TokenClaims(claims)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("iat")
        .hasMessageContaining("integer Unix seconds");
  }

  @ParameterizedTest
  @MethodSource("badlyTyped")
  void a_badly_typed_grant_makes_the_grants_unreadable(TokenClaims claims) {
    assertThatThrownBy(() -> VeltClaims.grantsOf(claims))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("permissions");
  }

  @Test
  void prefix_grants_read_back_as_given_star_included() {
    Map<String, Object> reports = new LinkedHashMap<>();
    reports.put("type", "document");
    reports.put("id", "report_*");
    reports.put("organizationId", "org_1");
    reports.put("accessRole", "viewer");

    assertThat(VeltClaims.grantsOf(withResources(List.of(reports))).asList())
        .containsExactly(Grant.of(new Document("report_*", "org_1"), AccessRole.VIEWER));
  }

  @Test
  void an_organization_wildcard_in_a_token_does_not_read() {
    assertThatThrownBy(
            () ->
                VeltClaims.grantsOf(
                    withResources(List.of(Map.of("type", "organization", "id", "*")))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("permissions.resources[0].id: must not contain '*'");
  }

  @Test
  void attributes_read_back_from_their_own_claim() {
    TokenClaims claims =
        new TokenClaims(
            Map.of("sub", "u1", "attributes", Map.of("region", "EU", "teams", List.of("a"))));

    assertThat(VeltClaims.attributesOf(claims))
        .isEqualTo(
            dev.tokenmint.domain.user.Attributes.of(Map.of("region", "EU", "teams", List.of("a"))));
    assertThat(VeltClaims.attributesOf(new TokenClaims(Map.of("sub", "u1"))).isEmpty()).isTrue();
  }

  @Test
  void attributes_that_break_a_rule_do_not_read() {
    assertThatThrownBy(
            () -> VeltClaims.attributesOf(new TokenClaims(Map.of("attributes", List.of("x")))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("attributes: must be an object");
    assertThatThrownBy(
            () ->
                VeltClaims.attributesOf(
                    new TokenClaims(Map.of("attributes", Map.of("rls", Map.of("a", "b"))))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("attributes.rls: must be a string, a number");
    assertThatThrownBy(
            () ->
                VeltClaims.attributesOf(new TokenClaims(Map.of("attributes", Map.of("sub", "x")))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("attributes: name 'sub' is reserved");
  }
}
