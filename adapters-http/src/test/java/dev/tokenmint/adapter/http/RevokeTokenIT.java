package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccessInOrder;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.REVOKE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/auth/revoke_token}: by {@code jti} or by the token, admin only, honoured by
 * verify_token afterwards, and scoped to the caller's workspace. Each test mints its own tokens.
 */
class RevokeTokenIT {

  /** The test clock plus the longest token lifetime plus the clock skew. */
  private static final long LONGEST =
      TestApplication.NOW.plus(TestApplication.OVERLAP).getEpochSecond();

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
  void revoking_by_jti_answers_it_until_the_longest_lifetime_and_verify_then_refuses_the_token() {
    Minted minted = mint("rv-jti");

    assertVeltSuccessInOrder(
        server.post(REVOKE_TOKEN, wrapped(jti(minted.jti())), ADMIN),
        revoked(minted.jti(), LONGEST));

    assertThat(verification(minted.token(), ISSUER)).isEqualTo("revoked");
  }

  @Test
  void revoking_by_token_answers_its_jti_until_its_expiry_plus_skew() {
    Minted minted = mint("rv-token");
    long exp = (Long) server.app.signer.last().claims().get("exp").orElseThrow();

    assertVeltSuccessInOrder(
        server.post(REVOKE_TOKEN, "{\"token\": \"" + minted.token() + "\"}", ADMIN),
        revoked(minted.jti(), exp + TestApplication.SKEW.getSeconds()));

    assertThat(verification(minted.token(), ISSUER)).isEqualTo("revoked");
  }

  @Test
  void revoking_twice_is_harmless() {
    Minted minted = mint("rv-twice");

    for (int i = 0; i < 2; i++) {
      assertVeltSuccessInOrder(
          server.post(REVOKE_TOKEN, jti(minted.jti()), ADMIN), revoked(minted.jti(), LONGEST));
    }
    assertThat(verification(minted.token(), ISSUER)).isEqualTo("revoked");
  }

  @Test
  void other_tokens_stay_valid() {
    Minted revoked = mint("rv-one");
    Minted kept = mint("rv-other");

    assertThat(server.post(REVOKE_TOKEN, jti(revoked.jti()), ADMIN).status()).isEqualTo(200);

    assertThat(verification(kept.token(), ISSUER)).isEqualTo("valid");
  }

  @Test
  void issuer_is_permission_denied_and_nothing_is_revoked() {
    Minted minted = mint("rv-issuer");

    assertVeltFailure(
        server.post(REVOKE_TOKEN, jti(minted.jti()), ISSUER),
        403,
        "PERMISSION_DENIED",
        "this operation needs the 'admin' role; the credential used has 'issuer'");
    assertVeltFailure(
        server.post(REVOKE_TOKEN, "{\"token\": \"" + minted.token() + "\"}", ISSUER),
        403,
        "PERMISSION_DENIED",
        "needs the 'admin' role");

    assertThat(verification(minted.token(), ISSUER)).isEqualTo("valid");
  }

  @Test
  void anonymous_caller_is_unauthenticated_and_nothing_is_revoked() {
    Minted minted = mint("rv-anonymous");

    assertVeltFailure(
        server.post(REVOKE_TOKEN, jti(minted.jti()), ANONYMOUS),
        401,
        "UNAUTHENTICATED",
        "missing credentials");

    assertThat(verification(minted.token(), ISSUER)).isEqualTo("valid");
  }

  @Test
  void neither_token_nor_jti_is_invalid_argument() {
    assertVeltFailure(
        server.post(REVOKE_TOKEN, "{}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "send the token to revoke, or its jti");
  }

  @Test
  void both_token_and_jti_is_invalid_argument_and_nothing_is_revoked() {
    Minted minted = mint("rv-both");

    assertVeltFailure(
        server.post(
            REVOKE_TOKEN,
            "{\"token\": \"" + minted.token() + "\", \"jti\": \"" + minted.jti() + "\"}",
            ADMIN),
        400,
        "INVALID_ARGUMENT",
        "jti: cannot be combined with token; send one of them");

    assertThat(verification(minted.token(), ISSUER)).isEqualTo("valid");
  }

  @Test
  void token_that_does_not_verify_is_invalid_argument_with_the_reason() {
    assertVeltFailure(
        server.post(REVOKE_TOKEN, "{\"token\": \"not-a-token\"}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "token: does not verify (malformed: not a token this test signed)");
  }

  @Test
  void token_of_another_workspace_cannot_be_revoked_here() {
    List<String> other = server.otherWorkspaceAdmin("rv-other-ws");
    String token = assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("rv-b"), other));
    String kid = server.app.signer.last().kid();

    assertVeltFailure(
        server.post(REVOKE_TOKEN, "{\"token\": \"" + token + "\"}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "token: does not verify (unknown_key: kid " + kid + " does not verify)");

    assertThat(verification(token, other)).isEqualTo("valid");
  }

  @Test
  void revoking_a_jti_in_another_workspace_leaves_this_workspace_s_token_valid() {
    Minted minted = mint("rv-cross");
    List<String> other = server.otherWorkspaceAdmin("rv-cross-ws");

    assertThat(server.post(REVOKE_TOKEN, jti(minted.jti()), other).status()).isEqualTo(200);

    assertThat(verification(minted.token(), ISSUER)).isEqualTo("valid");
  }

  // ---------------------------------------------------------------- helpers

  private record Minted(String token, String jti) {}

  private static Minted mint(String userId) {
    String token = assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest(userId), ISSUER));
    return new Minted(token, (String) server.app.signer.last().claims().get("jti").orElseThrow());
  }

  private static String jti(String jti) {
    return "{\"jti\": \"" + jti + "\"}";
  }

  /** {@code valid}, or the reason verify_token gives for refusing {@code token}. */
  private static String verification(String token, List<String> headers) {
    Reply reply = server.post(VERIFY_TOKEN, "{\"token\": \"" + token + "\"}", headers);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    var data = reply.json().get("result").get("data");
    return data.get("valid").booleanValue() ? "valid" : data.get("reason").asText();
  }

  private static String revoked(String jti, long until) {
    return """
    {"result": {"status": "success", "message": "Token revoked successfully.",
      "data": {"jti": "%s", "revokedUntil": %d}}}
    """
        .formatted(jti, until);
  }
}
