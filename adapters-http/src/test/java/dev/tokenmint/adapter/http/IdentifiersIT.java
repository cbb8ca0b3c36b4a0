package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.CHECK_ACCESS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_ADD;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_GET;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_REMOVE;
import static dev.tokenmint.adapter.http.TestServer.REVOKE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.USERS_ADD;
import static dev.tokenmint.adapter.http.TestServer.USERS_DELETE;
import static dev.tokenmint.adapter.http.TestServer.USERS_GET;
import static dev.tokenmint.adapter.http.TestServer.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.application.fixture.TestApplication;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every identifier a request carries follows one rule (docs/api.md, "Identifiers"): well-formed
 * Unicode, no format characters, not blank. The bodies below hold the raw JSON escape {@code
 * \ud800} (a lone surrogate, which a UTF-8 writer turns into {@code ?}) or an invisible format
 * character; each is {@code 400 INVALID_ARGUMENT} naming the field path, and nothing is minted or
 * stored.
 */
class IdentifiersIT {

  private static final String LONE = "\\ud800";
  private static final String ZERO_WIDTH = "\\u200b";
  private static final String RIGHT_TO_LEFT = "\\u202e";
  private static final String ILL_FORMED = "must be well-formed Unicode";
  private static final String FORMAT =
      "must not contain invisible format characters (Unicode category Cf)";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> badIdentifiers() {
    return Stream.of(
        row(GENERATE_TOKEN, ISSUER, "{'userId': 'alice" + LONE + "'}", "userId: " + ILL_FORMED),
        row(GENERATE_TOKEN, ISSUER, "{'userId': 'admin" + ZERO_WIDTH + "'}", "userId: " + FORMAT),
        row(GENERATE_TOKEN, ISSUER, "{'userId': '   '}", "userId: must not be only white space"),
        row(
            GENERATE_TOKEN,
            ISSUER,
            "{'userId': 'u1', 'permissions': {'resources': [{'type': 'organization', 'id': '"
                + RIGHT_TO_LEFT
                + "org'}]}}",
            "permissions.resources[0].id: " + FORMAT + ", found U+202E RIGHT-TO-LEFT OVERRIDE"),
        row(
            GENERATE_TOKEN,
            ISSUER,
            "{'userId': 'u1', 'permissions': {'resources': [{'type': 'folder', 'id': 'f1',"
                + " 'organizationId': 'org"
                + LONE
                + "'}]}}",
            "permissions.resources[0].organizationId: " + ILL_FORMED),
        row(
            USERS_ADD,
            ADMIN,
            "{'organizationId': 'org" + LONE + "', 'users': [{'userId': 'u1'}]}",
            "organizationId: " + ILL_FORMED),
        row(
            USERS_ADD,
            ADMIN,
            "{'organizationId': 'org', 'folderId': '"
                + ZERO_WIDTH
                + "f', 'users': [{'userId': 'u1'}]}",
            "folderId: " + FORMAT),
        row(
            USERS_ADD,
            ADMIN,
            "{'organizationId': 'org', 'documentId': ' ', 'users': [{'userId': 'u1'}]}",
            "documentId: must not be only white space"),
        row(
            USERS_GET,
            ADMIN,
            "{'organizationId': 'org', 'userIds': ['u1', 'u" + LONE + "']}",
            "userIds[1]: " + ILL_FORMED),
        row(
            USERS_DELETE,
            ADMIN,
            "{'organizationId': 'org" + ZERO_WIDTH + "', 'userIds': ['u1']}",
            "organizationId: " + FORMAT),
        row(
            PERMISSIONS_ADD,
            ADMIN,
            "{'user': {'userId': 'u"
                + LONE
                + "'}, 'permissions': {'resources': [{'type':"
                + " 'organization', 'id': 'o1'}]}}",
            "user.userId: " + ILL_FORMED),
        row(
            PERMISSIONS_REMOVE,
            ADMIN,
            "{'userId': 'u"
                + RIGHT_TO_LEFT
                + "', 'permissions': {'resources': [{'type':"
                + " 'organization', 'id': 'o1'}]}}",
            "userId: " + FORMAT),
        row(
            PERMISSIONS_GET,
            ADMIN,
            "{'organizationId': 'org', 'userIds': ['u1'], 'documentIds': ['d" + LONE + "']}",
            "documentIds[0]: " + ILL_FORMED),
        row(
            CHECK_ACCESS,
            ISSUER,
            "{'token': 'x', 'type': 'document', 'id': 'd1', 'organizationId': 'o1', 'folderId':"
                + " 'f"
                + LONE
                + "'}",
            "folderId: " + ILL_FORMED),
        row(
            CHECK_ACCESS,
            ISSUER,
            "{'token': 'x', 'type': 'organization', 'id': '\\ufeffo1'}",
            "id: " + FORMAT + ", found U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        row(REVOKE_TOKEN, ADMIN, "{'jti': 'j" + LONE + "'}", "jti: " + ILL_FORMED),
        row(
            VERIFY_TOKEN,
            ISSUER,
            "{'token': 'x', 'audience': 'api" + ZERO_WIDTH + "'}",
            "audience: " + FORMAT));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("badIdentifiers")
  void an_ill_formed_or_invisible_identifier_is_invalid_argument_naming_its_path(
      String route, List<String> credential, String body, String fragment) {
    TestServer.Snapshot minted = server.snapshot();
    TestServer.Stored stored = server.stored();

    Reply reply = server.post(route, body, credential);

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", fragment);
    server.assertNothingMintedSince(minted);
    server.assertNothingStoredSince(stored);
  }

  @Test
  void a_lone_surrogate_user_id_never_becomes_the_question_mark_user() {
    Reply question = server.post(GENERATE_TOKEN, json("{'userId': 'alice?'}"), ISSUER);
    Reply lone = server.post(GENERATE_TOKEN, "{\"userId\":\"alice\\ud800\"}", ISSUER);

    assertThat(question.status()).as("%s", question).isEqualTo(200);
    assertVeltFailure(
        lone,
        400,
        "INVALID_ARGUMENT",
        "userId: must be well-formed Unicode: it holds an unpaired surrogate");
  }

  @Test
  void a_user_of_users_add_with_an_ill_formed_id_fails_alone_keyed_by_its_path() {
    TestServer.Stored before = server.stored();

    Reply reply =
        server.post(
            USERS_ADD,
            json(
                "{'organizationId': 'org_ids', 'users': [{'userId': 'u"
                    + LONE
                    + "'},"
                    + " {'userId': 'u"
                    + ZERO_WIDTH
                    + "'}, {'userId': 'fine'}]}"),
            ADMIN);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    JsonNode data = reply.json().get("result").get("data");
    assertThat(Reply.fieldNames(data)).containsExactly("users[0]", "users[1]", "fine");
    assertThat(data.get("users[0]").get("message").asText())
        .startsWith("users[0].userId: " + ILL_FORMED);
    assertThat(data.get("users[1]").get("message").asText())
        .startsWith("users[1].userId: " + FORMAT);
    assertThat(data.get("fine").get("success").asBoolean()).isTrue();
    assertThat(server.stored()).isNotEqualTo(before);
  }

  private static Arguments row(
      String route, List<String> credential, String body, String fragment) {
    return Arguments.of(route, credential, json(body), fragment);
  }
}
