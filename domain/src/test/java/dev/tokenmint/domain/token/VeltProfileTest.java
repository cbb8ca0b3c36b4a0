package dev.tokenmint.domain.token;

import static dev.tokenmint.domain.fixture.Grants.aGrant;
import static dev.tokenmint.domain.fixture.Grants.grantSet;
import static dev.tokenmint.domain.fixture.Users.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VeltProfileTest {

  private static final VeltProfile VELT = VeltProfile.standard();
  private static final String ISSUER = "https://tokenmint.example.com";
  private static final Instant IAT = Instant.ofEpochSecond(1_777_291_200L);
  private static final Instant EXP = IAT.plusSeconds(48 * 3600);
  private static final String JTI = "jti_1";

  @Test
  void header_is_alg_typ_kid_in_that_order() {
    TokenHeader header = VELT.header(SigningAlgorithm.ES256, "kid_1");

    assertThat(header.asMap())
        .containsExactly(
            Map.entry("alg", "ES256"), Map.entry("typ", "JWT"), Map.entry("kid", "kid_1"));
    assertThat(header.algorithm()).isEqualTo("ES256");
    assertThat(VELT.header(SigningAlgorithm.EDDSA, "k").algorithm()).isEqualTo("EdDSA");
  }

  @Test
  void claims_follow_the_documented_names_and_order() {
    // The first example request of the Velt documentation, with a user role added.
    User user =
        aUser()
            .withId("user123")
            .named("John Doe")
            .withEmail("john@example.com")
            .withRoles("Manager")
            .build();
    GrantSet grants =
        GrantSet.of(
            List.of(
                Grant.fromWire(
                    "organization",
                    "org_123",
                    Optional.empty(),
                    Optional.of("viewer"),
                    Optional.empty()),
                Grant.fromWire(
                    "document",
                    "doc_456",
                    Optional.of("org_123"),
                    Optional.of("editor"),
                    Optional.of(1_640_995_200L))));

    TokenClaims claims = VELT.claims(ISSUER, user, Attributes.empty(), grants, IAT, EXP, JTI);

    assertThat(claims.asMap())
        .hasToString(
            "{iss=https://tokenmint.example.com, sub=user123, userId=user123, iat=1777291200,"
                + " exp=1777464000, jti=jti_1,"
                + " userProperties={name=John Doe, email=john@example.com, isAdmin=false},"
                + " roles=[Manager],"
                + " permissions={resources=["
                + "{type=organization, id=org_123, accessRole=viewer},"
                + " {type=document, id=doc_456, organizationId=org_123, accessRole=editor,"
                + " expiresAt=1640995200}]}}");
  }

  @Test
  void times_are_whole_unix_seconds() {
    TokenClaims claims =
        VELT.claims(
            ISSUER,
            aUser().build(),
            Attributes.empty(),
            GrantSet.empty(),
            IAT.plusMillis(999),
            EXP,
            JTI);

    assertThat(claims.get("iat")).contains(1_777_291_200L);
    assertThat(claims.get("exp")).contains(1_777_464_000L);
  }

  @Test
  void roles_are_left_out_when_the_user_has_none() {
    TokenClaims claims =
        VELT.claims(ISSUER, aUser().build(), Attributes.empty(), GrantSet.empty(), IAT, EXP, JTI);

    assertThat(claims.asMap()).doesNotContainKey("roles");
    assertThat(claims.asMap().keySet())
        .containsExactly(
            "iss", "sub", "userId", "iat", "exp", "jti", "userProperties", "permissions");
  }

  @Test
  void admin_flag_is_always_a_claim_and_absent_name_and_email_are_left_out() {
    User user = aUser().withoutName().withoutEmail().asAdmin().build();

    TokenClaims claims =
        VELT.claims(ISSUER, user, Attributes.empty(), GrantSet.empty(), IAT, EXP, JTI);

    assertThat(claims.get("userProperties")).contains(Map.of("isAdmin", true));
  }

  @Test
  void no_grants_give_an_empty_resource_list() {
    TokenClaims claims =
        VELT.claims(ISSUER, aUser().build(), Attributes.empty(), GrantSet.empty(), IAT, EXP, JTI);

    assertThat(claims.get("permissions")).contains(Map.of("resources", List.of()));
  }

  @Test
  void every_grant_is_normalized_with_its_access_role() {
    GrantSet grants =
        grantSet(
            aGrant().onOrganization("org_123"),
            aGrant().onFolder("folder_1").inOrganization("org_123").asViewer());

    TokenClaims claims =
        VELT.claims(ISSUER, aUser().build(), Attributes.empty(), grants, IAT, EXP, JTI);

    assertThat(claims.get("permissions"))
        .contains(
            Map.of(
                "resources",
                List.of(
                    Map.of("type", "organization", "id", "org_123", "accessRole", "editor"),
                    Map.of(
                        "type", "folder",
                        "id", "folder_1",
                        "organizationId", "org_123",
                        "accessRole", "viewer"))));
  }

  @Test
  void sub_and_user_id_are_both_the_user_id() {
    TokenClaims claims =
        VELT.claims(
            ISSUER,
            aUser().withId("user456").build(),
            Attributes.empty(),
            GrantSet.empty(),
            IAT,
            EXP,
            JTI);

    assertThat(claims.get("sub")).contains("user456");
    assertThat(claims.get("userId")).contains("user456");
    assertThat(claims.get("iss")).contains(ISSUER);
    assertThat(claims.get("jti")).contains(JTI);
  }

  @Test
  void attributes_are_one_claim_of_their_own_before_the_grants() {
    Attributes attributes = Attributes.of(Map.of("region", "EU", "teams", List.of("red")));

    TokenClaims claims =
        VELT.claims(ISSUER, aUser().build(), attributes, GrantSet.empty(), IAT, EXP, JTI);

    assertThat(claims.asMap().keySet())
        .containsExactly(
            "iss",
            "sub",
            "userId",
            "iat",
            "exp",
            "jti",
            "userProperties",
            "attributes",
            "permissions");
    assertThat(claims.get("attributes")).contains(Map.of("region", "EU", "teams", List.of("red")));
    assertThat(VeltClaims.attributesOf(claims)).isEqualTo(attributes);
  }

  @Test
  void prefix_grants_are_carried_as_given() {
    GrantSet grants =
        grantSet(aGrant().onDocument("report_*").inOrganization("org_123").asViewer());

    TokenClaims claims =
        VELT.claims(ISSUER, aUser().build(), Attributes.empty(), grants, IAT, EXP, JTI);

    assertThat(VeltClaims.grantsOf(claims)).isEqualTo(grants);
    assertThat(claims.get("permissions").orElseThrow().toString()).contains("id=report_*");
  }
}
