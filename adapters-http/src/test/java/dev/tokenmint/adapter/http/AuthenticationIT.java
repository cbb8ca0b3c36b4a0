package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.KEY_256_BITS;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.datafor;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.application.fixture.TestApplication.ADMIN_TOKEN;
import static dev.tokenmint.application.fixture.TestApplication.API_KEY;
import static dev.tokenmint.application.fixture.TestApplication.ISSUER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may call what: both header pairs, wrong and foreign credentials, roles. */
class AuthenticationIT {

  private static final String OTHER_API_KEY = "tmk_test_other";
  private static final String OTHER_TOKEN = "tmat_test_other_admin_token_0123456789";
  private static final String REVOKED_TOKEN = "tmat_test_revoked_token_0123456789abcdef";
  private static final String WRONG_TOKEN = "tmat_test_wrong_token_0123456789abcdef";

  private static TestServer server;

  @BeforeAll
  static void start() {
    TestApplication app = TestApplication.standard();
    TestServer.addWorkspace(app, OTHER_API_KEY, OTHER_TOKEN);
    app.credentials.create(
        new Credential(
            "revoked-credential",
            app.defaultWorkspace.id(),
            TokenHash.of(REVOKED_TOKEN),
            CredentialRole.ADMIN,
            TestApplication.NOW,
            true));
    server = TestServer.start(app);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> missingCredentials() {
    return Stream.of(
        Arguments.of("no headers", ANONYMOUS),
        Arguments.of("api key only", List.of("x-velt-api-key", API_KEY)),
        Arguments.of("auth token only", List.of("x-velt-auth-token", ADMIN_TOKEN)),
        Arguments.of("bearer only", List.of("Authorization", "Bearer " + ADMIN_TOKEN)),
        Arguments.of(
            "empty auth token", List.of("x-velt-api-key", API_KEY, "x-velt-auth-token", " ")),
        Arguments.of(
            "basic instead of bearer",
            List.of("x-api-key", API_KEY, "Authorization", "Basic " + ADMIN_TOKEN)),
        Arguments.of(
            "bearer without token", List.of("x-api-key", API_KEY, "Authorization", "Bearer ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingCredentials")
  void missing_credentials_are_unauthenticated(String name, List<String> headers) {
    Reply reply = refused(GENERATE_TOKEN, VELT_EXAMPLE_1, headers);

    assertThat(assertVeltFailure(reply, 401, "UNAUTHENTICATED", "missing credentials"))
        .isEqualTo(
            "missing credentials: send x-velt-api-key and x-velt-auth-token, or x-api-key and"
                + " Authorization: Bearer <auth token>");
  }

  static Stream<Arguments> invalidCredentials() {
    return Stream.of(
        Arguments.of(
            "wrong token", List.of("x-velt-api-key", API_KEY, "x-velt-auth-token", WRONG_TOKEN)),
        Arguments.of(
            "wrong bearer token",
            List.of("x-api-key", API_KEY, "Authorization", "Bearer " + WRONG_TOKEN)),
        Arguments.of(
            "unknown api key",
            List.of("x-velt-api-key", "tmk_nobody_here", "x-velt-auth-token", ADMIN_TOKEN)),
        Arguments.of(
            "another workspace's api key with this token",
            List.of("x-velt-api-key", OTHER_API_KEY, "x-velt-auth-token", ADMIN_TOKEN)),
        Arguments.of(
            "this api key with another workspace's token",
            List.of("x-velt-api-key", API_KEY, "x-velt-auth-token", OTHER_TOKEN)),
        Arguments.of(
            "revoked token",
            List.of("x-velt-api-key", API_KEY, "x-velt-auth-token", REVOKED_TOKEN)),
        Arguments.of(
            "api key as token", List.of("x-velt-api-key", API_KEY, "x-velt-auth-token", API_KEY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCredentials")
  void invalid_credentials_are_unauthenticated_without_echoing_them(
      String name, List<String> headers) {
    Reply reply = refused(GENERATE_TOKEN, VELT_EXAMPLE_1, headers);

    assertVeltFailure(reply, 401, "UNAUTHENTICATED", "invalid credentials");
    assertThat(reply.body()).doesNotContain(headers.get(3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCredentials")
  void invalid_credentials_on_the_datafor_route_use_the_datafor_envelope(
      String name, List<String> headers) {
    Reply reply = refused(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), headers);

    assertDataforFailure(reply, 401, "invalid credentials");
  }

  @Test
  void velt_header_pair_is_accepted() {
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
  }

  @Test
  void api_key_with_bearer_token_is_accepted() {
    List<String> headers = List.of("x-api-key", API_KEY, "Authorization", "Bearer " + ISSUER_TOKEN);

    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, headers));
  }

  @Test
  void bearer_scheme_is_case_insensitive() {
    List<String> headers = List.of("x-api-key", API_KEY, "Authorization", "bearer " + ADMIN_TOKEN);

    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, headers));
  }

  @Test
  void admin_credential_may_generate_tokens_too() {
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ADMIN));
  }

  @Test
  void another_workspace_mints_with_its_own_key_and_issuer() {
    List<String> headers =
        List.of("x-velt-api-key", OTHER_API_KEY, "x-velt-auth-token", OTHER_TOKEN);

    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, headers));

    assertThat(server.app.signer.last().kid()).isEqualTo("test-key-2");
    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry("iss", TestApplication.ISSUER + "/workspaces/" + OTHER_API_KEY);
  }

  @Test
  void issuer_credential_is_permission_denied_on_the_datafor_route() {
    Reply reply =
        refused(GENERATE_AUTHORIZATION, datafor("issuer-made-user", KEY_256_BITS), ISSUER);

    assertDataforFailure(reply, 403, "needs the 'admin' role", "'issuer'");
    assertThat(server.app.users.find(server.app.defaultWorkspace.id(), "issuer-made-user"))
        .isEmpty();
  }

  @Test
  void malformed_body_without_credentials_is_unauthenticated_not_invalid() {
    Reply reply = refused(GENERATE_TOKEN, "{\"userId\": [", ANONYMOUS);

    assertVeltFailure(reply, 401, "UNAUTHENTICATED", "missing credentials");
  }

  @Test
  void malformed_datafor_body_without_credentials_is_unauthenticated_not_invalid() {
    Reply reply = refused(GENERATE_AUTHORIZATION, "{\"name\": [", ANONYMOUS);

    assertDataforFailure(reply, 401, "missing credentials");
  }

  @Test
  void malformed_body_with_wrong_credentials_is_unauthenticated_not_invalid() {
    List<String> headers = List.of("x-velt-api-key", API_KEY, "x-velt-auth-token", WRONG_TOKEN);

    Reply reply = refused(GENERATE_TOKEN, "not json at all", headers);

    assertVeltFailure(reply, 401, "UNAUTHENTICATED", "invalid credentials");
  }

  private static Reply refused(String path, String body, List<String> headers) {
    TestServer.Snapshot before = server.snapshot();
    Reply reply = server.post(path, body, headers);
    EnvelopeAssertions.assertClientError(reply);
    server.assertNothingMintedSince(before);
    return reply;
  }
}
