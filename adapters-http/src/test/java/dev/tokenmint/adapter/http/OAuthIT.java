package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.CHECK_ACCESS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.token.TokenClaims;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OAuth routes on a real server: RFC 8414 metadata for every workspace issuer, introspection
 * (RFC 7662), revocation (RFC 7009) and token exchange (RFC 8693 with RFC 9396 authorization
 * details), their MUST rules, bad input answered in RFC 6749 §5.2's shape, and workspaces kept
 * apart. Tokens here are the test signer's; real signatures are tested end to end in bootstrap.
 */
class OAuthIT {

  static final String TOKEN = "/oauth2/token";
  static final String INTROSPECT = "/oauth2/introspect";
  static final String REVOKE = "/oauth2/revoke";
  static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String ORG_EDITOR =
      "{\"type\":\"organization\",\"id\":\"org_1\",\"accessRole\":\"editor\"}";
  static final String DOC_VIEWER =
      "[{\"type\":\"document\",\"id\":\"doc_1\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\"}]";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ------------------------------------------------------------------ metadata (RFC 8414)

  @Test
  void the_default_workspace_s_metadata_names_its_issuer_and_only_what_is_served() {
    Reply reply = server.get("/.well-known/oauth-authorization-server");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(reply.json())
        .isEqualTo(
            Reply.parse(
                """
                {"issuer": "https://tokenmint.test",
                 "token_endpoint": "https://tokenmint.test/oauth2/token",
                 "jwks_uri": "https://tokenmint.test/.well-known/jwks.json",
                 "response_types_supported": [],
                 "grant_types_supported": ["urn:ietf:params:oauth:grant-type:token-exchange"],
                 "token_endpoint_auth_methods_supported": ["none"],
                 "introspection_endpoint": "https://tokenmint.test/oauth2/introspect",
                 "introspection_endpoint_auth_methods_supported": ["client_secret_basic"],
                 "revocation_endpoint": "https://tokenmint.test/oauth2/revoke",
                 "revocation_endpoint_auth_methods_supported": ["client_secret_basic"],
                 "authorization_details_types_supported": ["organization", "folder", "document"],
                 "tokenmint_signing_alg_values_supported": ["ES256", "EdDSA", "RS256", "PS256", "HS256"],
                 "service_documentation": "https://tokenmint.test/docs"}
                """));
  }

  @Test
  void another_workspace_s_metadata_is_served_at_both_locations_with_its_own_issuer_and_jwks() {
    List<String> admin = server.otherWorkspaceAdmin("oauth-meta");
    String apiKey = admin.get(1);
    String issuer = "https://tokenmint.test/workspaces/" + apiKey;

    JsonNode inserted =
        server.get("/.well-known/oauth-authorization-server/workspaces/" + apiKey).json();
    JsonNode appended =
        server.get("/workspaces/" + apiKey + "/.well-known/oauth-authorization-server").json();

    assertThat(inserted).isEqualTo(appended);
    assertThat(inserted.get("issuer").asText()).isEqualTo(issuer);
    assertThat(inserted.get("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks.json");
    assertThat(inserted.get("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
    assertThat(inserted.get("introspection_endpoint").asText())
        .isEqualTo("https://tokenmint.test/oauth2/introspect");
    assertThat(server.get("/.well-known/oauth-authorization-server").body())
        .as("nothing of the other workspace in the default workspace's metadata")
        .doesNotContain(apiKey);
    // the issuer is the tokens' iss, byte for byte
    assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("meta-user"), admin));
    assertThat(server.app.signer.last().claims().get("iss")).contains(issuer);
  }

  @Test
  void metadata_for_an_unknown_workspace_or_a_path_no_issuer_has_is_404() {
    assertThat(
            server
                .get("/workspaces/tmk_nobody_here/.well-known/oauth-authorization-server")
                .status())
        .isEqualTo(404);
    assertThat(
            server
                .get("/.well-known/oauth-authorization-server/workspaces/tmk_nobody_here")
                .status())
        .isEqualTo(404);
    assertThat(server.get("/.well-known/oauth-authorization-server/tenant").status())
        .isEqualTo(404);
    assertThat(
            server
                .get(
                    "/.well-known/oauth-authorization-server/x/workspaces/"
                        + TestApplication.API_KEY)
                .status())
        .isEqualTo(404);
  }

  // ------------------------------------------------------------------ introspection (RFC 7662)

  @Test
  void an_active_token_introspects_to_its_claims_with_http_basic_or_a_header_pair() {
    String token = mint("in-active");
    TokenClaims claims = server.app.signer.last().claims();

    for (List<String> credential :
        List.of(basic(TestApplication.API_KEY, TestApplication.ISSUER_TOKEN), ISSUER)) {
      Reply reply = form(INTROSPECT, "token=" + token, credential);

      assertThat(reply.status()).as("%s", reply).isEqualTo(200);
      assertNoStore(reply);
      JsonNode answer = reply.json();
      assertThat(Reply.fieldNames(answer).subList(0, 3))
          .containsExactly("active", "token_type", "iss");
      assertThat(answer.get("active").booleanValue()).isTrue();
      assertThat(answer.get("token_type").asText()).isEqualTo("Bearer");
      for (Map.Entry<String, Object> claim : claims.asMap().entrySet()) {
        assertThat(answer.get(claim.getKey()).toString())
            .as(claim.getKey())
            .isEqualTo(MAPPER.valueToTree(claim.getValue()).toString());
      }
    }
  }

  @Test
  void introspection_returns_the_attributes_as_their_own_object_and_prefix_grants_as_carried() {
    String token =
        assertVeltToken(
            server.post(
                GENERATE_TOKEN,
                "{\"userId\":\"in-attributes\",\"attributes\":{\"region\":\"EU\",\"ratio\":0.5},"
                    + "\"permissions\":{\"resources\":[{\"type\":\"document\",\"id\":\"report_*\","
                    + "\"organizationId\":\"org_1\",\"accessRole\":\"viewer\"}]}}",
                ISSUER));

    JsonNode answer = form(INTROSPECT, "token=" + token, ISSUER).json();

    assertThat(answer.get("active").booleanValue()).isTrue();
    assertThat(answer.get("sub").asText()).isEqualTo("in-attributes");
    assertThat(answer.get("attributes").toString()).isEqualTo("{\"ratio\":0.5,\"region\":\"EU\"}");
    assertThat(answer.has("region")).isFalse();
    assertThat(answer.get("permissions").get("resources").get(0).get("id").asText())
        .isEqualTo("report_*");
  }

  @Test
  void every_inactive_token_is_exactly_active_false() {
    String revoked = mint("in-revoked");
    assertThat(form(REVOKE, "token=" + revoked, basicAdmin()).status()).isEqualTo(200);
    List<String> other = server.otherWorkspaceAdmin("oauth-in-other");
    String ofAnotherWorkspace =
        assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("in-b"), other));

    for (String token :
        List.of(revoked, ofAnotherWorkspace, "not-a-token", "a.b.c", "x".repeat(20_000))) {
      Reply reply = form(INTROSPECT, "token=" + token, ISSUER);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("{\"active\":false}");
      assertNoStore(reply);
    }
    assertThat(
            form(INTROSPECT, "token=" + ofAnotherWorkspace, other)
                .json()
                .get("active")
                .booleanValue())
        .as("active in its own workspace")
        .isTrue();
  }

  @Test
  void introspection_without_or_with_wrong_credentials_is_401_invalid_client_naming_basic() {
    String token = mint("in-unauth");
    for (List<String> credential :
        List.of(
            ANONYMOUS,
            basic(TestApplication.API_KEY, "tmat_wrong_token_0123456789abcdefghij"),
            List.of("Authorization", "Basic !!!not-base64"),
            List.of(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))))) {
      Reply reply = form(INTROSPECT, "token=" + token, credential);

      assertOAuthError(reply, 401, "invalid_client");
      assertThat(reply.header("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
    }
  }

  @Test
  void introspection_refuses_json_a_repeated_or_missing_token_and_a_broken_escape() {
    String token = mint("in-bad");

    assertOAuthError(
        server.post(INTROSPECT, "{\"token\":\"" + token + "\"}", ISSUER), 400, "invalid_request");
    assertOAuthError(
        form(INTROSPECT, "token=" + token + "&token=" + token, ISSUER), 400, "invalid_request");
    assertOAuthError(form(INTROSPECT, "token=", ISSUER), 400, "invalid_request");
    assertOAuthError(form(INTROSPECT, "", ISSUER), 400, "invalid_request");
    assertOAuthError(form(INTROSPECT, "token=%zz", ISSUER), 400, "invalid_request");
    assertThat(
            form(INTROSPECT, "token=" + token + "&token_type_hint=refresh_token&unknown=1", ISSUER)
                .json()
                .get("active")
                .booleanValue())
        .as("a hint and unknown parameters are ignored (RFC 7662 §2.1, RFC 6749 §3.2)")
        .isTrue();
  }

  // ------------------------------------------------------------------ revocation (RFC 7009)

  @Test
  void revocation_answers_200_with_an_empty_body_for_valid_unknown_and_foreign_tokens() {
    String token = mint("rv-oauth");
    List<String> other = server.otherWorkspaceAdmin("oauth-rv-other");
    String foreign = assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("rv-b"), other));

    for (String revoked : List.of(token, "not-a-token", foreign)) {
      Reply reply =
          form(REVOKE, "token=" + revoked + "&token_type_hint=access_token", basicAdmin());

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEmpty();
      assertNoStore(reply);
    }
    assertThat(verification(token, ISSUER)).isEqualTo("revoked");
    assertThat(verification(foreign, other))
        .as("another workspace's token is untouched")
        .isEqualTo("valid");
  }

  @Test
  void revocation_refuses_json_a_repeated_or_missing_token_and_revokes_nothing() {
    String token = mint("rv-bad");

    assertOAuthError(
        server.post(REVOKE, "{\"token\":\"" + token + "\"}", basicAdmin()), 400, "invalid_request");
    assertOAuthError(
        form(REVOKE, "token=" + token + "&token=" + token, basicAdmin()), 400, "invalid_request");
    assertOAuthError(form(REVOKE, "token=", basicAdmin()), 400, "invalid_request");
    assertOAuthError(
        form(REVOKE, "token_type_hint=access_token", basicAdmin()), 400, "invalid_request");

    assertThat(verification(token, ISSUER)).isEqualTo("valid");
  }

  @Test
  void revocation_is_audited_and_shares_one_list_with_revoke_token() {
    String byOAuth = mint("rv-audit");
    String jti = server.app.signer.last().claims().string("jti").orElseThrow();
    String byVelt = mint("rv-velt", ORG_EDITOR);

    assertThat(form(REVOKE, "token=" + byOAuth, basicAdmin()).status()).isEqualTo(200);
    assertThat(
            server.post(TestServer.REVOKE_TOKEN, "{\"token\":\"" + byVelt + "\"}", ADMIN).status())
        .isEqualTo(200);

    JsonNode revoked = audit("token.revoked");
    assertThat(revoked.findValuesAsText("jti")).contains(jti);
    assertThat(form(INTROSPECT, "token=" + byVelt, ISSUER).body())
        .as("revoked by revoke_token, inactive for introspection")
        .isEqualTo("{\"active\":false}");
    assertOAuthError(exchange(byVelt, "[]"), 400, "invalid_request");
  }

  @Test
  void a_client_authenticating_twice_at_once_is_refused() {
    List<String> both =
        new ArrayList<>(basic(TestApplication.API_KEY, TestApplication.ISSUER_TOKEN));
    both.addAll(ISSUER);

    assertOAuthError(form(INTROSPECT, "token=" + mint("in-both"), both), 400, "invalid_request");
  }

  @Test
  void revocation_needs_an_admin_credential() {
    String token = mint("rv-issuer");

    assertOAuthError(form(REVOKE, "token=" + token, ISSUER), 403, "unauthorized_client");
    assertOAuthError(form(REVOKE, "token=" + token, ANONYMOUS), 401, "invalid_client");
    assertThat(verification(token, ISSUER)).isEqualTo("valid");
  }

  // ------------------------------------------------------------------ token exchange (RFC 8693)

  @Test
  void exchange_issues_a_narrower_token_of_the_same_user_naming_its_parent_without_a_credential() {
    String parent = mint("ex-user", ORG_EDITOR);
    TokenClaims parentClaims = server.app.signer.last().claims();

    Reply reply = exchange(parent, DOC_VIEWER);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertNoStore(reply);
    TokenClaims child = server.app.signer.last().claims();
    long expiresIn =
        parentClaims.integer("exp").orElseThrow() - TestApplication.NOW.getEpochSecond();
    assertThat(reply.json())
        .isEqualTo(
            Reply.parse(
                """
                {"access_token": "%s",
                 "issued_token_type": "urn:ietf:params:oauth:token-type:jwt",
                 "token_type": "Bearer",
                 "expires_in": %d,
                 "authorization_details": %s}
                """
                    .formatted(reply.json().get("access_token").asText(), expiresIn, DOC_VIEWER)));
    assertThat(child.get("sub")).isEqualTo(parentClaims.get("sub"));
    assertThat(child.get("iss")).isEqualTo(parentClaims.get("iss"));
    assertThat(child.get("exp")).isEqualTo(parentClaims.get("exp"));
    assertThat(child.get("userProperties")).isEqualTo(parentClaims.get("userProperties"));
    assertThat(child.get("tokenmint_parent")).isEqualTo(parentClaims.get("jti"));
    assertThat(child.get("tokenmint_ancestors"))
        .contains(List.of(parentClaims.get("jti").orElseThrow()));
    assertThat(child.get("jti")).isNotEqualTo(parentClaims.get("jti"));
    String childToken = reply.json().get("access_token").asText();
    assertThat(access(childToken, "document", "doc_1")).isEqualTo("viewer");
    assertThat(access(childToken, "organization", "org_1"))
        .as("the child carries only what it asked for")
        .isEqualTo("none");
    JsonNode events = audit("token.exchanged");
    assertThat(events.get(0).get("target").asText())
        .isEqualTo(parentClaims.get("jti").orElseThrow());
    assertThat(events.get(0).get("jti").asText()).isEqualTo(child.get("jti").orElseThrow());
    assertThat(events.get(0).get("actor").asText()).isEqualTo("subject-token");
    assertThat(events.get(0).get("userId").asText()).isEqualTo("ex-user");
    assertThat(server.get("/metrics").body())
        .containsPattern("tokenmint_tokens_exchanged_total [1-9]");
  }

  @Test
  void exchange_refuses_anything_wider_than_the_subject() {
    // The subject's grant expires at 1767300000, before the subject itself (1767398400): a child
    // grant standing on it may not outlive it.
    String parent =
        mint(
            "ex-wide",
            "{\"type\":\"folder\",\"id\":\"f_1\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\",\"expiresAt\":1767300000}");

    for (String wider :
        List.of(
            "[{\"type\":\"folder\",\"id\":\"f_1\",\"organizationId\":\"org_1\",\"accessRole\":\"editor\",\"expiresAt\":1767250000}]",
            "[{\"type\":\"folder\",\"id\":\"f_2\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\",\"expiresAt\":1767250000}]",
            "[{\"type\":\"folder\",\"id\":\"f_*\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\",\"expiresAt\":1767250000}]",
            "[{\"type\":\"organization\",\"id\":\"org_1\",\"accessRole\":\"viewer\"}]",
            "[{\"type\":\"folder\",\"id\":\"f_1\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\"}]",
            "[{\"type\":\"folder\",\"id\":\"f_1\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\",\"expiresAt\":1767300001}]")) {
      assertOAuthError(exchange(parent, wider), 400, "invalid_authorization_details");
    }
    assertThat(
            exchange(
                    parent,
                    "[{\"type\":\"folder\",\"id\":\"f_1\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\",\"expiresAt\":1767300000}]")
                .status())
        .as("the same grant, expiring with the subject's grant")
        .isEqualTo(200);
    assertThat(exchange(parent, "[]").status()).as("nothing at all is narrower").isEqualTo(200);
  }

  @Test
  void exchange_narrows_a_prefix_to_a_longer_one_or_an_exact_id_and_never_widens_it() {
    String parent =
        mint(
            "ex-prefix",
            "{\"type\":\"document\",\"id\":\"report_*\",\"organizationId\":\"org_1\",\"accessRole\":\"editor\"}");

    assertThat(
            exchange(
                    parent,
                    "[{\"type\":\"document\",\"id\":\"report_2024_*\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\"},"
                        + "{\"type\":\"document\",\"id\":\"report_q1\",\"organizationId\":\"org_1\",\"accessRole\":\"editor\"}]")
                .status())
        .isEqualTo(200);
    assertOAuthError(
        exchange(
            parent,
            "[{\"type\":\"document\",\"id\":\"rep*\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\"}]"),
        400,
        "invalid_authorization_details");
    assertOAuthError(
        exchange(
            parent,
            "[{\"type\":\"document\",\"id\":\"*\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\"}]"),
        400,
        "invalid_authorization_details");
  }

  @Test
  void revoking_a_parent_revokes_every_descendant_everywhere() {
    String parent = mint("ex-family", ORG_EDITOR);
    String child = exchange(parent, "[" + ORG_EDITOR + "]").json().get("access_token").asText();
    String grandchild = exchange(child, DOC_VIEWER).json().get("access_token").asText();
    assertThat(verification(grandchild, ISSUER)).isEqualTo("valid");

    assertThat(form(REVOKE, "token=" + parent, basicAdmin()).status()).isEqualTo(200);

    for (String descendant : List.of(child, grandchild)) {
      assertThat(verification(descendant, ISSUER)).isEqualTo("revoked");
      assertThat(access(descendant, "document", "doc_1")).isEqualTo("none");
      assertThat(form(INTROSPECT, "token=" + descendant, ISSUER).body())
          .isEqualTo("{\"active\":false}");
      assertOAuthError(exchange(descendant, "[]"), 400, "invalid_request");
    }
  }

  @Test
  void a_chain_of_exchanges_ends_after_the_most_generations() {
    String token = mint("ex-chain", ORG_EDITOR);
    for (int generation = 1; generation <= 4; generation++) {
      Reply reply = exchange(token, "[" + ORG_EDITOR + "]");
      assertThat(reply.status()).as("generation %d", generation).isEqualTo(200);
      token = reply.json().get("access_token").asText();
    }

    Reply refused = exchange(token, "[]");

    assertOAuthError(refused, 400, "invalid_request");
    assertThat(refused.json().get("error_description").asText()).contains("4 generations");
  }

  @Test
  void exchange_refuses_bad_subject_tokens_as_invalid_request() {
    String revoked = mint("ex-revoked", ORG_EDITOR);
    assertThat(form(REVOKE, "token=" + revoked, basicAdmin()).status()).isEqualTo(200);

    for (String subject : List.of(revoked, "not-a-token", "a.b.c")) {
      assertOAuthError(exchange(subject, "[]"), 400, "invalid_request");
    }
  }

  @Test
  void a_token_of_another_workspace_is_exchanged_at_its_own_token_endpoint_only() {
    List<String> other = server.otherWorkspaceAdmin("oauth-ex-other");
    String foreign =
        assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("ex-b", ORG_EDITOR), other));
    String own = mint("ex-a", ORG_EDITOR);

    assertOAuthError(exchange(foreign, DOC_VIEWER), 400, "invalid_request");
    assertOAuthError(
        exchange("/workspaces/" + other.get(1) + TOKEN, own, DOC_VIEWER), 400, "invalid_request");
    assertOAuthError(
        exchange("/workspaces/tmk_nobody_here" + TOKEN, own, DOC_VIEWER), 404, "invalid_request");
    Reply reply = exchange("/workspaces/" + other.get(1) + TOKEN, foreign, DOC_VIEWER);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    String child = reply.json().get("access_token").asText();

    assertThat(server.app.signer.last().claims().get("iss"))
        .contains("https://tokenmint.test/workspaces/" + other.get(1));
    assertThat(form(INTROSPECT, "token=" + child, ISSUER).body())
        .as("workspace A sees nothing of B's child")
        .isEqualTo("{\"active\":false}");
    assertThat(form(INTROSPECT, "token=" + child, other).json().get("active").booleanValue())
        .isTrue();
  }

  @Test
  void other_grant_types_are_unsupported_and_missing_parameters_invalid() {
    String parent = mint("ex-params", ORG_EDITOR);
    String details = "&authorization_details=" + encode(DOC_VIEWER);
    String subject = "&subject_token=" + parent + "&subject_token_type=" + encode(JWT);

    assertOAuthError(
        form(TOKEN, "grant_type=client_credentials", ANONYMOUS), 400, "unsupported_grant_type");
    assertOAuthError(
        form(TOKEN, "grant_type=authorization_code&code=x", ANONYMOUS),
        400,
        "unsupported_grant_type");
    assertOAuthError(form(TOKEN, subject + details, ANONYMOUS), 400, "invalid_request");
    assertOAuthError(
        form(TOKEN, "grant_type=" + encode(EXCHANGE) + details, ANONYMOUS), 400, "invalid_request");
    assertOAuthError(
        form(
            TOKEN,
            "grant_type=" + encode(EXCHANGE) + "&subject_token=" + parent + details,
            ANONYMOUS),
        400,
        "invalid_request");
    assertOAuthError(
        form(
            TOKEN,
            "grant_type="
                + encode(EXCHANGE)
                + "&subject_token="
                + parent
                + "&subject_token_type=urn:ietf:params:oauth:token-type:saml2"
                + details,
            ANONYMOUS),
        400,
        "invalid_request");
    assertOAuthError(
        form(TOKEN, "grant_type=" + encode(EXCHANGE) + subject, ANONYMOUS), 400, "invalid_request");
    assertOAuthError(
        form(
            TOKEN,
            "grant_type="
                + encode(EXCHANGE)
                + subject
                + details
                + "&grant_type="
                + encode(EXCHANGE),
            ANONYMOUS),
        400,
        "invalid_request");
    assertOAuthError(
        form(
            TOKEN,
            "grant_type=" + encode(EXCHANGE) + subject + details + "&actor_token=x",
            ANONYMOUS),
        400,
        "invalid_request");
    assertOAuthError(
        form(
            TOKEN,
            "grant_type=" + encode(EXCHANGE) + subject + details + "&audience=api",
            ANONYMOUS),
        400,
        "invalid_target");
    assertOAuthError(
        form(
            TOKEN, "grant_type=" + encode(EXCHANGE) + subject + details + "&scope=read", ANONYMOUS),
        400,
        "invalid_scope");
    assertOAuthError(
        server.post(
            TOKEN,
            "{\"grant_type\":\"" + EXCHANGE + "\",\"subject_token\":\"" + parent + "\"}",
            ANONYMOUS),
        400,
        "invalid_request");
  }

  @Test
  void authorization_details_that_are_not_an_array_of_grants_are_invalid_authorization_details() {
    String parent = mint("ex-details", ORG_EDITOR);
    Map<String, String> descriptions = new LinkedHashMap<>();
    descriptions.put("not json", "authorization_details is not JSON");
    descriptions.put("{\"type\":\"organization\",\"id\":\"org_1\"}", "must be a JSON array");
    descriptions.put("\"org_1\"", "must be a JSON array");
    descriptions.put("[1]", "authorization_details[0]: must be an object");
    descriptions.put(
        "[{\"type\":\"organization\",\"id\":\"org_1\",\"accessRole\":\"viewer\",\"actions\":[\"read\"]}]",
        "authorization_details[0].actions: is not a known field");
    descriptions.put(
        "[{\"type\":\"payment_initiation\",\"id\":\"org_1\"}]", "authorization_details[0].type");
    descriptions.put(
        "[{\"type\":\"organization\",\"id\":\"org_1\",\"expiresAt\":\"soon\"}]",
        "authorization_details[0].expiresAt: must be an integer");
    descriptions.put(
        "[{\"type\":\"organization\",\"id\":\"org_1\",\"accessRole\":\"owner\"}]",
        "authorization_details[0].accessRole");
    descriptions.put(
        "[{\"type\":\"document\",\"id\":\"doc_1\"}]", "authorization_details[0].organizationId");
    descriptions.put(
        "[{\"type\":\"organization\",\"id\":\"org_1\"},{\"type\":\"organization\",\"id\":\"org_1\"}]",
        "authorization_details[1]");

    descriptions.forEach(
        (details, description) -> {
          Reply reply = exchange(parent, details);

          assertOAuthError(reply, 400, "invalid_authorization_details");
          assertThat(reply.json().get("error_description").asText())
              .as(details)
              .contains(description);
        });
  }

  @Test
  void a_200_kb_subject_token_is_refused_in_oauth_s_shape() {
    Reply reply = exchange("a".repeat(200 * 1024), "[]");

    assertOAuthError(reply, 413, "invalid_request");
  }

  // ---------------------------------------------------------------- helpers

  static List<String> basic(String apiKey, String authToken) {
    String pair = encode(apiKey) + ":" + encode(authToken);
    return List.of(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> basicAdmin() {
    return basic(TestApplication.API_KEY, TestApplication.ADMIN_TOKEN);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Reply form(String path, String body, List<String> headers) {
    List<String> all = new ArrayList<>(headers);
    all.add("Content-Type");
    all.add(FORM);
    return server.post(path, body, all);
  }

  static Reply exchange(String subject, String details) {
    return exchange(TOKEN, subject, details);
  }

  static Reply exchange(String path, String subject, String details) {
    return form(
        path,
        "grant_type="
            + encode(EXCHANGE)
            + "&subject_token="
            + encode(subject)
            + "&subject_token_type="
            + encode(JWT)
            + "&authorization_details="
            + encode(details),
        ANONYMOUS);
  }

  static String mint(String userId, String... resources) {
    return assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest(userId, resources), ISSUER));
  }

  static void assertNoStore(Reply reply) {
    assertThat(reply.header("Cache-Control")).contains("no-store");
    assertThat(reply.header("Pragma")).contains("no-cache");
  }

  /** RFC 6749 §5.2: exactly {@code error} and {@code error_description}, not cacheable. */
  static void assertOAuthError(Reply reply, int status, String error) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(Reply.fieldNames(reply.json()))
        .as("%s", reply)
        .containsExactly("error", "error_description");
    assertThat(reply.json().get("error").asText()).as("%s", reply).isEqualTo(error);
    assertThat(reply.json().get("error_description").asText()).isNotBlank();
    assertThat(reply.header("X-Request-Id")).isPresent();
    assertNoStore(reply);
  }

  static String verification(String token, List<String> headers) {
    Reply reply = server.post(VERIFY_TOKEN, "{\"token\": \"" + token + "\"}", headers);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    JsonNode data = reply.json().get("result").get("data");
    return data.get("valid").booleanValue() ? "valid" : data.get("reason").asText();
  }

  static String access(String token, String type, String id) {
    String body =
        "{\"token\":\""
            + token
            + "\",\"type\":\""
            + type
            + "\",\"id\":\""
            + id
            + "\""
            + (type.equals("organization") ? "" : ",\"organizationId\":\"org_1\"")
            + "}";
    Reply reply = server.post(CHECK_ACCESS, body, ISSUER);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json().get("result").get("data").get("accessRole").asText();
  }

  static JsonNode audit(String kind) {
    Reply reply = server.post("/v2/audit/get", "{\"kind\":\"" + kind + "\"}", ADMIN);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json().get("result").get("data");
  }
}
