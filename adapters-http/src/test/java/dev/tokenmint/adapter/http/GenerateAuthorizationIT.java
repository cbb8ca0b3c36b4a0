package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertClientError;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforToken;
import static dev.tokenmint.adapter.http.RequestBodies.KEY_256_BITS;
import static dev.tokenmint.adapter.http.RequestBodies.PASSWORD;
import static dev.tokenmint.adapter.http.RequestBodies.datafor;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.fixture.RecordingTokenSigner;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.user.User;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /plugin/datafor-modeler/api/token/generateAuthorization}: Datafor's documented
 * request and envelopes. Failures always use the Datafor envelope {@code
 * {"success":false,"message":…}}.
 */
class GenerateAuthorizationIT {

  /** The username of every request that must be refused: it is never stored. */
  private static final String REJECTED_USER = "rejected-user";

  private static TestServer server;
  private static TestServer legacy;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
    legacy = TestServer.start(TestApplication.withLegacyShortKeys());
  }

  @AfterAll
  static void stop() {
    server.close();
    legacy.close();
  }

  @Test
  void documented_request_with_a_256_bit_key_answers_the_datafor_envelope() {
    String token =
        assertDataforToken(server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), ADMIN));

    assertThat(token).isEqualTo("signed-" + server.app.signer.signed().size());
    RecordingTokenSigner.Signed signed = server.app.signer.last();
    assertThat(signed.kid()).isEmpty();
    assertThat(signed.secretBytes()).isEqualTo(32);
    assertThat(signed.header().asMap()).containsExactly(entry("typ", "JWT"), entry("alg", "HS256"));
    assertThat(signed.claims().asMap())
        .containsExactly(
            entry("ERP", "admin"), entry("exp", TestApplication.NOW.getEpochSecond() + 86_400));
  }

  @Test
  void bearer_header_pair_is_accepted_too() {
    List<String> bearer =
        List.of(
            "x-api-key",
            TestApplication.API_KEY,
            "Authorization",
            "Bearer " + TestApplication.ADMIN_TOKEN);

    assertDataforToken(server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), bearer));
  }

  @Test
  void payload_creates_the_stored_user_profile_without_the_password() {
    assertDataforToken(
        server.post(GENERATE_AUTHORIZATION, datafor("profiled-user", KEY_256_BITS), ADMIN));

    Optional<User> stored =
        server.app.users.find(server.app.defaultWorkspace.id(), "profiled-user");
    assertThat(stored).isPresent();
    assertThat(stored.get().profile().name()).contains("ERP");
    assertThat(stored.get().profile().email()).contains("admin@example.com");
    assertThat(stored.get().profile().roles()).containsExactly("SYS_CREATOR", "Manager");
    assertThat(stored.get().profile().company()).contains("string");
    assertThat(stored.get().toString()).doesNotContain(PASSWORD);
  }

  @Test
  void password_and_private_key_appear_in_no_response() {
    List<Reply> replies =
        List.of(
            server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), ADMIN),
            server.post(GENERATE_AUTHORIZATION, datafor(REJECTED_USER, "abcd"), ADMIN),
            server.post(GENERATE_AUTHORIZATION, datafor(REJECTED_USER, KEY_256_BITS), ANONYMOUS),
            server.post(
                GENERATE_AUTHORIZATION,
                datafor(REJECTED_USER, KEY_256_BITS).replace("\"name\": \"ERP\",", "\"nam\": 1,"),
                ADMIN),
            server.post(
                GENERATE_AUTHORIZATION,
                datafor(REJECTED_USER, KEY_256_BITS).replace("\"dept\"", "\"department\""),
                ADMIN));

    assertThat(replies.get(0).status()).isEqualTo(200);
    for (Reply reply : replies) {
      assertThat(reply.body()).doesNotContain(PASSWORD).doesNotContain(KEY_256_BITS);
      reply
          .headers()
          .map()
          .values()
          .forEach(values -> assertThat(values.toString()).doesNotContain(PASSWORD));
    }
    assertThat(server.app.signer.last().claims().asMap().toString()).doesNotContain(PASSWORD);
  }

  @Test
  void key_of_4_bytes_is_refused_naming_256_bits() {
    Reply reply = rejected(datafor(REJECTED_USER, "abcd"));

    assertDataforFailure(reply, 400, "privateKey: is 32 bits long", "at least 256 bits");
  }

  @Test
  void key_of_31_bytes_is_refused() {
    Reply reply = rejected(datafor(REJECTED_USER, KEY_256_BITS.substring(1)));

    assertDataforFailure(reply, 400, "privateKey: is 248 bits long", "at least 256 bits");
  }

  @Test
  void legacy_short_keys_accept_the_documented_4_byte_key() {
    assertDataforToken(legacy.post(GENERATE_AUTHORIZATION, datafor("abcd"), ADMIN));

    assertThat(legacy.app.signer.last().secretBytes()).isEqualTo(4);
    assertThat(legacy.app.signer.last().claims().asMap()).containsEntry("ERP", "admin");
  }

  static Stream<Arguments> badRequests() {
    String user = REJECTED_USER;
    return Stream.of(
        Arguments.of(
            "name absent",
            json("{'privateKey': '" + KEY_256_BITS + "', 'payload': {'username': '" + user + "'}}"),
            "name: is required"),
        Arguments.of(
            "privateKey absent",
            json("{'name': 'ERP', 'payload': {'username': '" + user + "'}}"),
            "privateKey: is required"),
        Arguments.of(
            "payload absent",
            json("{'name': 'ERP', 'privateKey': '" + KEY_256_BITS + "'}"),
            "payload: is required"),
        Arguments.of(
            "payload.username absent",
            json("{'name': 'ERP', 'privateKey': '" + KEY_256_BITS + "', 'payload': {'name': 'x'}}"),
            "payload.username: is required"),
        Arguments.of(
            "payload.username empty",
            body("'name': 'ERP'", "'username': ''"),
            "payload.username: "),
        Arguments.of(
            "payload.username of 257 characters",
            body("'name': 'ERP'", "'username': '" + "u".repeat(257) + "'"),
            "payload.username: must be at most 256 characters"),
        Arguments.of("name empty", body("'name': ''", "'username': '" + user + "'"), "name: "),
        Arguments.of(
            "name exp",
            body("'name': 'exp'", "'username': '" + user + "'"),
            "name: must not be one of [exp]"),
        Arguments.of(
            "privateKey empty",
            json("{'name': 'ERP', 'privateKey': '', 'payload': {'username': '" + user + "'}}"),
            "privateKey: "),
        Arguments.of(
            "privateKey as number",
            json("{'name': 'ERP', 'privateKey': 12345, 'payload': {'username': '" + user + "'}}"),
            "privateKey: must be a string"),
        Arguments.of(
            "payload as string",
            json("{'name': 'ERP', 'privateKey': '" + KEY_256_BITS + "', 'payload': 'admin'}"),
            "payload: must be an object"),
        Arguments.of(
            "roles as string",
            body("'name': 'ERP'", "'username': '" + user + "', 'roles': 'Manager'"),
            "payload.roles: must be an array"),
        Arguments.of(
            "role repeated",
            body("'name': 'ERP'", "'username': '" + user + "', 'roles': ['a', 'a']"),
            "payload.roles[1]: repeats the role"),
        Arguments.of(
            "email invalid",
            body("'name': 'ERP'", "'username': '" + user + "', 'email': 'string'"),
            "payload.email: must be a valid email address"),
        Arguments.of(
            "unknown top-level field",
            body("'name': 'ERP', 'expire': 60", "'username': '" + user + "'"),
            "expire: is not a known field"),
        Arguments.of(
            "unknown payload field",
            body("'name': 'ERP'", "'username': '" + user + "', 'passwd': 'x'"),
            "payload.passwd: is not a known field"),
        Arguments.of(
            "wrapped in data as Velt does",
            wrapped(datafor(user, KEY_256_BITS)),
            "data: is not a known field"),
        Arguments.of(
            "duplicate key",
            body("'name': 'ERP', 'name': 'CRM'", "'username': '" + user + "'"),
            "name: appears more than once"),
        Arguments.of("malformed JSON", "{\"name\":\"ERP\",", "not valid JSON"),
        Arguments.of("not an object", "[]", "must be a JSON object"),
        Arguments.of("empty body", "", "request body is empty"),
        Arguments.of(
            "deep nesting",
            body(
                "'name': 'ERP'",
                "'username': '" + user + "', 'roles': " + "[".repeat(100) + "]".repeat(100)),
            "payload.roles"
                + "[0]".repeat(JsonBodies.MAX_NESTING_DEPTH - 2)
                + ": nests deeper than"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void bad_request_is_refused_in_the_datafor_envelope_naming_the_field(
      String name, String body, String fragment) {
    assertDataforFailure(rejected(body), 400, fragment);
  }

  @Test
  void body_over_64_kib_is_refused_in_the_datafor_envelope() {
    String body = datafor(REJECTED_USER, KEY_256_BITS);
    body = body + " ".repeat(64 * 1024 + 1 - body.length());

    assertDataforFailure(rejected(body), 413, "larger than the limit of 65536 bytes");
  }

  @Test
  void missing_credentials_are_refused_in_the_datafor_envelope() {
    TestServer.Snapshot before = server.snapshot();

    Reply reply =
        server.post(GENERATE_AUTHORIZATION, datafor(REJECTED_USER, KEY_256_BITS), ANONYMOUS);

    assertDataforFailure(reply, 401, "missing credentials");
    server.assertNothingMintedSince(before);
    assertThat(server.app.users.find(server.app.defaultWorkspace.id(), REJECTED_USER)).isEmpty();
  }

  /**
   * Posts {@code body} as the admin and asserts what holds for every bad request: a 4xx without
   * internals, nothing signed or audited, the user not stored, no password echoed.
   */
  private static Reply rejected(String body) {
    TestServer.Snapshot before = server.snapshot();
    Reply reply = server.post(GENERATE_AUTHORIZATION, body, ADMIN);
    assertClientError(reply);
    assertThat(reply.body()).doesNotContain(PASSWORD);
    server.assertNothingMintedSince(before);
    assertThat(server.app.users.find(server.app.defaultWorkspace.id(), REJECTED_USER)).isEmpty();
    return reply;
  }

  /** A request with the given top-level fields (besides the key) and payload fields. */
  private static String body(String topLevel, String payload) {
    return json(
        "{" + topLevel + ", 'privateKey': '" + KEY_256_BITS + "', 'payload': {" + payload + "}}");
  }

  @Test
  void a_profile_kept_through_one_workspace_is_invisible_to_another() {
    List<String> other = server.otherWorkspaceAdmin("isolated-" + System.nanoTime());
    String userId = "isolated-datafor-user";
    String body =
        "{\"name\":\"ERP\",\"privateKey\":\""
            + KEY_256_BITS
            + "\","
            + "\"payload\":{\"username\":\""
            + userId
            + "\",\"roles\":[\"Manager\"]}}";

    assertDataforToken(server.post(GENERATE_AUTHORIZATION, body, ADMIN));

    String otherWorkspaceId = server.app.workspaces.findByApiKey(other.get(1)).orElseThrow().id();
    assertThat(server.app.users.find(otherWorkspaceId, userId)).isEmpty();
    assertThat(server.app.users.find(server.app.defaultWorkspace.id(), userId)).isPresent();
    Reply minted = server.post(TestServer.GENERATE_TOKEN, "{\"userId\":\"" + userId + "\"}", other);
    assertThat(minted.status()).isEqualTo(200);
    assertThat(server.app.signer.last().claims().asMap()).doesNotContainKey("roles");
  }
}
