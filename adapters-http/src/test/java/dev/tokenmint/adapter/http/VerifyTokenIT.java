package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccessInOrder;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.REVOKE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenmint.application.fixture.RecordingTokenSigner;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/auth/verify_token}: a valid token answers its claims; a token that fails answers
 * {@code valid:false} with the reason, still with HTTP 200. Each test mints its own tokens.
 */
class VerifyTokenIT {

  private static final long NOW = TestApplication.NOW.getEpochSecond();

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void fresh_token_is_valid_and_answers_its_kid_algorithm_and_claims_in_order() {
    String token = assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    String kid = server.app.signer.last().kid();
    String jti = jtiOfLastToken();

    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, wrapped(body(token)), ISSUER),
        """
        {"result": {"status": "success", "message": "Token is valid.",
          "data": {"valid": true, "kid": "%s", "algorithm": "ES256",
            "claims": {"iss": "https://tokenmint.test", "sub": "user123", "userId": "user123",
              "iat": %d, "exp": %d, "jti": "%s",
              "userProperties": {"name": "John Doe", "email": "john@example.com",
                                 "isAdmin": false},
              "permissions": {"resources": [
                {"type": "organization", "id": "org_123", "accessRole": "viewer"},
                {"type": "document", "id": "doc_456", "organizationId": "org_123",
                 "accessRole": "editor", "expiresAt": 1640995200}]}}}}}
        """
            .formatted(kid, NOW, NOW + 48 * 3600, jti));
  }

  @Test
  void admin_may_verify_an_unwrapped_body() {
    String token = mint("verify-admin");

    JsonNode data =
        assertVeltSuccessInOrder(server.post(VERIFY_TOKEN, body(token), ADMIN), valid(token));
    assertThat(data.get("claims").get("sub").asText()).isEqualTo("verify-admin");
  }

  @Test
  void revoked_token_is_not_valid_with_reason_revoked() {
    String token = mint("verify-revoked");
    String jti = jtiOfLastToken();
    assertVeltSuccessInOrder(server.post(VERIFY_TOKEN, body(token), ISSUER), valid(token));

    Reply revoked = server.post(REVOKE_TOKEN, "{\"jti\": \"" + jti + "\"}", ADMIN);
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);

    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(token), ISSUER),
        invalid("revoked", "token " + jti + " was revoked"));
  }

  @Test
  void garbage_is_malformed() {
    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body("eyJhbGciOiJub25lIn0.e30."), ISSUER),
        invalid("malformed", "not a token this test signed"));
  }

  @Test
  void empty_token_is_malformed_rather_than_a_bad_request() {
    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(""), ISSUER), invalid("malformed", "no token"));
  }

  @Test
  void token_of_another_workspace_is_unknown_key_here_and_valid_there() {
    List<String> other = server.otherWorkspaceAdmin("verify-other");
    String token =
        assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("verify-other-user"), other));
    String otherKid = server.app.signer.last().kid();
    String ownKid =
        server.app.keyRing.activeKey(server.app.defaultWorkspace.id()).orElseThrow().kid();
    assertThat(otherKid).isNotEqualTo(ownKid);

    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(token), ISSUER),
        invalid("unknown_key", "kid " + otherKid + " does not verify"));

    JsonNode there = server.post(VERIFY_TOKEN, body(token), other).json().get("result").get("data");
    assertThat(there.get("valid").booleanValue()).isTrue();
    assertThat(there.get("kid").asText()).isEqualTo(otherKid);
    assertThat(there.get("claims").get("iss").asText())
        .startsWith(TestApplication.ISSUER + "/workspaces/");
  }

  @Test
  void token_naming_an_audience_is_valid_only_for_a_request_expecting_that_audience() {
    String token = signedWith(Map.of("aud", List.of("https://api.example", "https://b.example")));

    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(token, "https://api.example"), ISSUER), valid(token));
    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, wrapped(body(token, "https://b.example")), ISSUER), valid(token));
    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(token, "https://elsewhere.example"), ISSUER),
        invalid(
            "wrong_audience",
            "aud does not name the expected audience 'https://elsewhere.example'"));
    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(token), ISSUER),
        invalid(
            "wrong_audience",
            "the token is meant for an audience and none is expected; name it to accept the token"));
  }

  @Test
  void expecting_an_audience_refuses_tokenmint_s_own_tokens_which_name_none() {
    String token = mint("verify-audience");

    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(token, "https://api.example"), ISSUER),
        invalid("wrong_audience", "the token names no audience; expected 'https://api.example'"));
    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, "{\"token\": \"" + token + "\", \"audience\": null}", ISSUER),
        valid(token));
  }

  @Test
  void aud_of_another_shape_is_malformed() {
    String token = signedWith(Map.of("aud", Map.of("name", "https://api.example")));

    assertVeltSuccessInOrder(
        server.post(VERIFY_TOKEN, body(token, "https://api.example"), ISSUER),
        invalid("malformed", "aud must be a string or an array of strings"));
  }

  @Test
  void anonymous_caller_is_unauthenticated() {
    String token = mint("verify-anonymous");

    assertVeltFailure(
        server.post(VERIFY_TOKEN, body(token), ANONYMOUS),
        401,
        "UNAUTHENTICATED",
        "missing credentials");
  }

  @Test
  void wrong_auth_token_is_unauthenticated_even_for_a_valid_token() {
    String token = mint("verify-wrong-credentials");
    List<String> wrong =
        List.of(
            "x-velt-api-key",
            TestApplication.API_KEY,
            "x-velt-auth-token",
            "tmat_test_wrong_token_0123456789abcdef");

    assertThat(server.post(VERIFY_TOKEN, body(token), wrong).status()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- helpers

  private static String mint(String userId) {
    return assertVeltToken(
        server.post(
            GENERATE_TOKEN,
            tokenRequest(userId, "{\"type\": \"organization\", \"id\": \"org_v\"}"),
            ISSUER));
  }

  private static String jtiOfLastToken() {
    return (String) server.app.signer.last().claims().get("jti").orElseThrow();
  }

  /**
   * A token signed by the default workspace's active key with the claims of a freshly minted one
   * plus {@code extra}: what another issuer sharing the ring could sign.
   */
  private static String signedWith(Map<String, Object> extra) {
    mint("verify-signed-with");
    RecordingTokenSigner.Signed minted = server.app.signer.last();
    Map<String, Object> claims = new LinkedHashMap<>(minted.claims().asMap());
    claims.putAll(extra);
    SigningKey key = server.app.keyRing.activeKey(server.app.defaultWorkspace.id()).orElseThrow();
    return server.app.signer.sign(minted.header(), new TokenClaims(claims), key);
  }

  static String body(String token, String audience) {
    return "{\"token\": \"" + token + "\", \"audience\": \"" + audience + "\"}";
  }

  static String body(String token) {
    return "{\"token\": \"" + token + "\"}";
  }

  /** The valid answer for {@code token}, its claims as they were signed. */
  private static String valid(String token) {
    int index = Integer.parseInt(token.substring("signed-".length())) - 1;
    RecordingTokenSigner.Signed signed = server.app.signer.signed().get(index);
    String claims;
    try {
      claims = new ObjectMapper().writeValueAsString(signed.claims().asMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return """
    {"result": {"status": "success", "message": "Token is valid.",
      "data": {"valid": true, "kid": "%s", "algorithm": "ES256", "claims": %s}}}
    """
        .formatted(signed.kid(), claims);
  }

  static String invalid(String reason, String message) {
    return """
    {"result": {"status": "success", "message": "Token is not valid.",
      "data": {"valid": false, "reason": "%s", "message": "%s"}}}
    """
        .formatted(reason, message);
  }
}
