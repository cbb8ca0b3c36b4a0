package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertClientError;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.CHECK_ACCESS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.KEYS_ALGORITHMS;
import static dev.tokenmint.adapter.http.TestServer.KEYS_GET;
import static dev.tokenmint.adapter.http.TestServer.KEYS_ROTATE;
import static dev.tokenmint.adapter.http.TestServer.REVOKE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.key.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verification and key routes with bad input: 400 {@code INVALID_ARGUMENT} in the Velt envelope
 * naming the field path, no internals, and nothing changed. The bodies are otherwise aimed at a
 * real token ({@link #token}, {@link #jti}), so a revoke that acted despite the problem would
 * revoke it, and a rotate that acted would change the ring.
 */
class VerificationAndKeysBadInputIT {

  private static final List<String> ALL_ROUTES =
      List.of(VERIFY_TOKEN, CHECK_ACCESS, REVOKE_TOKEN, KEYS_ROTATE, KEYS_GET, KEYS_ALGORITHMS);

  private static TestServer server;
  private static String token;
  private static String jti;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
    token =
        assertVeltToken(
            server.post(
                GENERATE_TOKEN,
                tokenRequest("bad-input", "{\"type\": \"organization\", \"id\": \"org1\"}"),
                ISSUER));
    jti = (String) server.app.signer.last().claims().get("jti").orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- every route

  static Stream<Arguments> malformedOnEveryRoute() {
    List<Arguments> cases = new ArrayList<>();
    for (String route : ALL_ROUTES) {
      cases.add(Arguments.of(route, "truncated", "{\"token\":", "not valid JSON"));
      cases.add(Arguments.of(route, "trailing garbage", "{} x", "not valid JSON"));
      cases.add(Arguments.of(route, "array", "[]", "must be a JSON object"));
      cases.add(Arguments.of(route, "null", "null", "must be a JSON object"));
      cases.add(Arguments.of(route, "string", "\"x\"", "must be a JSON object"));
      cases.add(Arguments.of(route, "data as string", "{\"data\": \"x\"}", "data: "));
      cases.add(
          Arguments.of(route, "data beside a field", "{\"data\": {}, \"token\": \"x\"}", "data: "));
      cases.add(
          Arguments.of(
              route,
              "duplicate key",
              "{\"token\": \"a\", \"token\": \"b\"}",
              "token: appears more than once"));
      cases.add(
          Arguments.of(route, "unknown field", "{\"bogus\": 1}", "bogus: is not a known field"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("malformedOnEveryRoute")
  void malformed_body_is_invalid_argument_on_every_route(
      String route, String name, String body, String fragment) {
    assertVeltFailure(rejected(route, body), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- route by route

  static Stream<Arguments> badFields() {
    return Stream.of(
        // verify_token
        Arguments.of(VERIFY_TOKEN, "empty body", "", "request body is empty"),
        Arguments.of(VERIFY_TOKEN, "token absent", "{}", "token: is required"),
        Arguments.of(VERIFY_TOKEN, "token null", "{'token': null}", "token: is required"),
        Arguments.of(VERIFY_TOKEN, "token as number", "{'token': 5}", "token: must be a string"),
        Arguments.of(
            VERIFY_TOKEN, "token as boolean", "{'token': true}", "token: must be a string"),
        Arguments.of(VERIFY_TOKEN, "token as array", "{'token': ['T']}", "token: must be a string"),
        Arguments.of(
            VERIFY_TOKEN, "token as object", "{'token': {'jwt': 'T'}}", "token: must be a string"),
        Arguments.of(
            VERIFY_TOKEN,
            "unknown field",
            "{'token': 'T', 'aud': 'x'}",
            "aud: is not a known field; known fields: [audience, token]"),
        Arguments.of(
            VERIFY_TOKEN,
            "unknown field wrapped",
            "{'data': {'token': 'T', 'jwt': 'T'}}",
            "jwt: is not a known field; known fields: [audience, token]"),
        Arguments.of(
            VERIFY_TOKEN,
            "audience empty",
            "{'token': 'T', 'audience': ''}",
            "audience: is required and must not be empty"),
        Arguments.of(
            VERIFY_TOKEN,
            "audience as number",
            "{'token': 'T', 'audience': 5}",
            "audience: must be a string"),
        Arguments.of(
            VERIFY_TOKEN,
            "audience as array",
            "{'token': 'T', 'audience': ['https://api.example']}",
            "audience: must be a string"),
        Arguments.of(
            VERIFY_TOKEN,
            "audience with a control character",
            "{'data': {'token': 'T', 'audience': 'api\\u0007'}}",
            "audience: must not contain control characters"),
        Arguments.of(
            VERIFY_TOKEN,
            "audience too long",
            "{'token': 'T', 'audience': '" + "a".repeat(257) + "'}",
            "audience: must be at most 256 characters, got 257"),
        // check_access
        Arguments.of(CHECK_ACCESS, "empty body", "", "request body is empty"),
        Arguments.of(
            CHECK_ACCESS,
            "token absent",
            "{'type': 'organization', 'id': 'org1'}",
            "token: is required"),
        Arguments.of(
            CHECK_ACCESS,
            "token as number",
            "{'token': 1, 'type': 'organization', 'id': 'org1'}",
            "token: must be a string"),
        Arguments.of(
            CHECK_ACCESS,
            "type as number",
            "{'token': 'T', 'type': 1, 'id': 'org1'}",
            "type: must be a string"),
        Arguments.of(
            CHECK_ACCESS,
            "id as boolean",
            "{'token': 'T', 'type': 'organization', 'id': false}",
            "id: must be a string"),
        Arguments.of(
            CHECK_ACCESS,
            "accessRole asked for",
            "{'token': 'T', 'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}",
            "accessRole: is not a known field; known fields: "
                + "[folderId, id, organizationId, token, type]"),
        // revoke_token
        Arguments.of(REVOKE_TOKEN, "empty body", "", "request body is empty"),
        Arguments.of(REVOKE_TOKEN, "neither", "{}", "send the token to revoke, or its jti"),
        Arguments.of(
            REVOKE_TOKEN, "jti null", "{'jti': null}", "send the token to revoke, or its jti"),
        Arguments.of(
            REVOKE_TOKEN,
            "both",
            "{'token': 'T', 'jti': 'J'}",
            "jti: cannot be combined with token; send one of them"),
        Arguments.of(REVOKE_TOKEN, "jti as number", "{'jti': 5}", "jti: must be a string"),
        Arguments.of(REVOKE_TOKEN, "jti as array", "{'jti': ['J']}", "jti: must be a string"),
        Arguments.of(
            REVOKE_TOKEN, "jti empty", "{'jti': ''}", "jti: is required and must not be empty"),
        Arguments.of(
            REVOKE_TOKEN,
            "jti with a control character",
            "{'jti': 'J\\u0007'}",
            "jti: must not contain control characters"),
        Arguments.of(
            REVOKE_TOKEN,
            "jti too long",
            "{'jti': '" + "j".repeat(257) + "'}",
            "jti: must be at most 256 characters, got 257"),
        Arguments.of(REVOKE_TOKEN, "token as number", "{'token': 5}", "token: must be a string"),
        Arguments.of(
            REVOKE_TOKEN,
            "unknown field",
            "{'jti': 'J', 'until': 1}",
            "until: is not a known field; known fields: [jti, token]"),
        Arguments.of(
            REVOKE_TOKEN,
            "unknown field wrapped",
            "{'data': {'token': 'T', 'reason': 'lost'}}",
            "reason: is not a known field; known fields: [jti, token]"),
        // keys
        Arguments.of(
            KEYS_ROTATE,
            "algorithm asked for",
            "{'algorithm': 'RS256'}",
            "algorithm: is not a known field; this request takes no fields"),
        Arguments.of(
            KEYS_ROTATE,
            "wrapped field",
            "{'data': {'kid': 'x'}}",
            "kid: is not a known field; this request takes no fields"),
        Arguments.of(KEYS_ROTATE, "data null", "{'data': null}", "data: "),
        Arguments.of(
            KEYS_GET,
            "kid asked for",
            "{'kid': 'test-key-1'}",
            "kid: is not a known field; this request takes no fields"),
        Arguments.of(KEYS_GET, "data as array", "{'data': []}", "data: "));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badFields")
  void bad_field_is_invalid_argument_naming_its_path(
      String route, String name, String body, String fragment) {
    String aimed =
        json(body).replace("\"T\"", "\"" + token + "\"").replace("\"J\"", "\"" + jti + "\"");
    assertVeltFailure(rejected(route, aimed), 400, "INVALID_ARGUMENT", fragment);
  }

  @Test
  void problems_of_the_request_come_before_the_role_check_for_an_authenticated_issuer() {
    assertVeltFailure(
        rejected(REVOKE_TOKEN, "{\"jti\": \"" + jti + "\", \"x\": 1}", ISSUER),
        400,
        "INVALID_ARGUMENT",
        "x: is not a known field");
    assertVeltFailure(
        rejected(KEYS_ROTATE, "{\"x\": 1}", ISSUER), 400, "INVALID_ARGUMENT", "x: is not a known");
  }

  @Test
  void the_aimed_at_token_is_valid_and_revocable_so_the_cases_above_could_fail() {
    Reply verified = server.post(VERIFY_TOKEN, "{\"token\": \"" + token + "\"}", ISSUER);
    assertThat(verified.json().at("/result/data/valid").booleanValue()).as("%s", verified).isTrue();
    assertThat(isRevoked()).isFalse();
  }

  // ---------------------------------------------------------------- helpers

  /** Posts as admin; asserts a client error that changed nothing: no token, key or revocation. */
  private static Reply rejected(String route, String body) {
    return rejected(route, body, ADMIN);
  }

  private static Reply rejected(String route, String body, List<String> headers) {
    TestServer.Snapshot minted = server.snapshot();
    List<SigningKey> ring = ring();
    Reply reply = server.post(route, body, headers);
    assertClientError(reply);
    server.assertNothingMintedSince(minted);
    assertThat(ring()).as("key ring").isEqualTo(ring);
    assertThat(isRevoked()).as("token %s revoked", jti).isFalse();
    return reply;
  }

  private static List<SigningKey> ring() {
    return server.app.keyRing.keys(server.app.defaultWorkspace.id());
  }

  private static boolean isRevoked() {
    return server.app.revocations.isRevoked(
        server.app.defaultWorkspace.id(), jti, TestApplication.NOW);
  }
}
