package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.adapter.crypto.JwksTokenVerifier;
import dev.tokenmint.adapter.crypto.TokenVerification;
import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import io.jsonwebtoken.Claims;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Prefix grants and attributes through the real server on its H2 file database, across a restart:
 * stored by users/add and permissions/add, minted into a signed token that jjwt verifies against
 * the JWKS, decided by check_access and by the embeddable verifier reading the same JWKS.
 */
class AccessModelEndToEndIT {

  static final String API_KEY = "tmk_access_e2e";
  static final String AUTH_TOKEN = "tmat_access_e2e_admin_0123456789abcdef";
  static final String ISSUER = "https://access.e2e";

  private final Path dataDir = TestDirectories.fresh("access-e2e");

  private Tokenmint start() {
    return Tokenmint.start(
        Settings.fromEnvironment(
            Map.of(
                "TOKENMINT_PORT", "0",
                "TOKENMINT_DATA_DIR", dataDir.toString(),
                "TOKENMINT_ISSUER", ISSUER,
                "TOKENMINT_API_KEY", API_KEY,
                "TOKENMINT_AUTH_TOKEN", AUTH_TOKEN)),
        Clock.systemUTC());
  }

  @Test
  void stored_prefix_grants_and_attributes_survive_a_restart_and_reach_every_verifier()
      throws Exception {
    try (Tokenmint first = start()) {
      Http http = new Http(first.port(), API_KEY, AUTH_TOKEN);
      assertSuccess(
          http.post(
              "/v2/users/add",
              """
              {"organizationId": "org_a", "documentId": "report_*", "users": [
                {"userId": "ann", "accessRole": "viewer",
                 "attributes": {"region": "EU", "tenant": "acme", "teams": ["red", "blue"],
                                "clearance": 2, "ratio": 0.75}}]}
              """));
      assertSuccess(
          http.post(
              "/v2/auth/permissions/add",
              """
              {"user": {"userId": "ann"}, "permissions": {"resources": [
                {"type": "folder", "id": "finance_*", "organizationId": "org_a",
                 "accessRole": "editor"}]}}
              """));
    }

    try (Tokenmint second = start()) {
      Http http = new Http(second.port(), API_KEY, AUTH_TOKEN);
      Http.Reply minted =
          http.post(
              "/v2/auth/generate_token",
              """
              {"data": {"userId": "ann", "attributes": {"region": "US", "tenant": null},
                "permissions": {"resources": [
                  {"type": "document", "id": "report_q1_*", "organizationId": "org_a",
                   "accessRole": "editor"}]}}}
              """);
      assertThat(minted.status()).as("%s", minted.body()).isEqualTo(200);
      String token = minted.body().get("result").get("data").get("token").asText();

      Claims claims = VeltEndToEndIT.verify(token, http).getPayload();
      assertThat(claims.getSubject()).isEqualTo("ann");
      assertThat(claims.get("attributes"))
          .isEqualTo(
              Map.of(
                  "clearance", 2, "ratio", 0.75, "region", "US", "teams", List.of("red", "blue")));
      JsonNode resources = Http.JSON.valueToTree(claims.get("permissions")).get("resources");
      assertThat(resources.findValuesAsText("id"))
          .containsExactly("report_q1_*", "report_*", "finance_*");

      Http.Reply checked =
          http.post(
              "/v2/auth/check_access",
              "{\"token\": \""
                  + token
                  + "\", \"type\": \"document\", \"id\": \"report_q2\", \"organizationId\":"
                  + " \"org_a\", \"folderId\": \"finance_2024\"}");
      JsonNode data = checked.body().get("result").get("data");
      assertThat(data.get("accessRole").asText()).isEqualTo("viewer");
      assertThat(data.get("decidedBy").get("id").asText()).isEqualTo("report_*");

      JwksTokenVerifier verifier =
          JwksTokenVerifier.fromJson(http.get("/.well-known/jwks.json").raw().body())
              .issuer(ISSUER)
              .clock(Clock.systemUTC())
              .build();
      TokenVerification.Verified verified = (TokenVerification.Verified) verifier.verify(token);
      assertThat(verified.attributes().get("region")).contains("US");
      assertThat(verified.attributes().get("tenant")).isEmpty();
      assertThat(
              verifier.effectiveAccess(
                  verified,
                  new AccessTarget(new Document("memo", "org_a"), Optional.of("finance_2024"))))
          .isEqualTo(
              new AccessDecision.Allowed(
                  Grant.of(new Folder("finance_*", "org_a"), AccessRole.EDITOR)));
      assertThat(
              verifier.checkAccess(
                  verified,
                  AccessTarget.of(new Document("report_q1_x", "org_a")),
                  AccessRole.EDITOR))
          .isEqualTo(
              new AccessDecision.Allowed(
                  Grant.of(new Document("report_q1_*", "org_a"), AccessRole.EDITOR)));
    }
  }

  private static void assertSuccess(Http.Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.body().toString()).doesNotContain("\"success\":false");
  }
}
