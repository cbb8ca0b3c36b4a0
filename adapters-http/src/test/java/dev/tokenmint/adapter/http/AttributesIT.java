package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforToken;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccess;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.KEY_256_BITS;
import static dev.tokenmint.adapter.http.RequestBodies.datafor;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.USERS_ADD;
import static dev.tokenmint.adapter.http.TestServer.USERS_GET;
import static dev.tokenmint.adapter.http.TestServer.USERS_UPDATE;
import static dev.tokenmint.adapter.http.TestServer.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.application.fixture.TestApplication;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attributes: given in generate_token ({@code data.attributes}) and stored per user through
 * users/add|update, merged per name with the request winning, minted as the {@code attributes}
 * claim and returned by verify_token; their bad forms refused at their field path; never a
 * top-level claim; never in a Datafor token.
 */
class AttributesIT {

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
  void attributes_of_the_request_are_minted_as_one_claim_and_verify_token_returns_them() {
    String token =
        mint(
            "at-1",
            "{'region': 'EU', 'teams': ['red', 'blue'], 'level': 3, 'ratio': 0.25, 'beta': true}");

    Map<String, Object> claims = server.app.signer.last().claims().asMap();
    assertThat(claims.keySet())
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
    assertThat(claims.get("attributes"))
        .isEqualTo(
            Map.of(
                "beta",
                true,
                "level",
                3L,
                "ratio",
                0.25,
                "region",
                "EU",
                "teams",
                List.of("red", "blue")));

    JsonNode verified =
        server
            .post(VERIFY_TOKEN, json("{'token': '%s'}").formatted(token), ISSUER)
            .json()
            .get("result")
            .get("data");
    assertThat(verified.get("claims").get("attributes").toString())
        .isEqualTo(
            json("{'beta':true,'level':3,'ratio':0.25,'region':'EU','teams':['red','blue']}"));
  }

  @Test
  void stored_attributes_merge_per_name_and_the_request_wins_for_that_token_only() {
    addUser("at-stored", "{'region': 'EU', 'tenant': 'acme', 'teams': ['red']}");

    mint("at-stored", "{'region': 'US', 'teams': null, 'level': 2}");

    assertThat(server.app.signer.last().claims().get("attributes"))
        .contains(Map.of("region", "US", "tenant", "acme", "level", 2L));
    mint("at-stored", null);
    assertThat(server.app.signer.last().claims().get("attributes"))
        .contains(Map.of("region", "EU", "tenant", "acme", "teams", List.of("red")));
  }

  @Test
  void users_update_changes_stored_attributes_per_name_and_users_get_lists_them() {
    addUser("at-upd", "{'region': 'EU', 'tenant': 'acme'}");

    Reply updated =
        server.post(
            USERS_UPDATE,
            json(
                "{'organizationId': 'org_at', 'users': [{'userId': 'at-upd', 'attributes':"
                    + " {'tenant': null, 'level': 7}}]}"),
            ADMIN);
    assertThat(updated.status()).as("%s", updated).isEqualTo(200);

    assertVeltSuccess(
        server.post(USERS_GET, json("{'organizationId': 'org_at', 'userIds': ['at-upd']}"), ADMIN),
        json(
            """
            {'result': {'status': 'success', 'message': 'User(s) retrieved successfully.',
              'data': [{'userId': 'at-upd', 'accessRole': 'editor',
                        'attributes': {'level': 7, 'region': 'EU'}}]}}
            """));
  }

  @Test
  void a_bad_entry_of_users_add_fails_that_user_only_at_its_field_path() {
    Reply reply =
        server.post(
            USERS_ADD,
            json(
                "{'organizationId': 'org_at', 'users': [{'userId': 'at-bad', 'attributes':"
                    + " {'rls': {'clause': '1=1'}}}, {'userId': 'at-good', 'attributes': {'a':"
                    + " 1}}]}"),
            ADMIN);

    JsonNode data = reply.json().get("result").get("data");
    assertThat(data.get("at-bad").get("success").booleanValue()).isFalse();
    assertThat(data.get("at-bad").get("message").asText())
        .startsWith("users[0].attributes.rls: must be a string, a number, a boolean or an array");
    assertThat(data.get("at-good").get("success").booleanValue()).isTrue();
    assertThat(server.app.users.find(server.app.defaultWorkspace.id(), "at-bad")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAttributes")
  void bad_attributes_are_invalid_argument_at_their_field_and_nothing_is_signed(
      String name, String attributes, String fragment) {
    int signedBefore = server.app.signer.signed().size();

    assertVeltFailure(
        server.post(
            GENERATE_TOKEN,
            "{\"userId\":\"at-bad\",\"attributes\":" + json(attributes) + "}",
            ISSUER),
        400,
        "INVALID_ARGUMENT",
        fragment);
    assertThat(server.app.signer.signed()).hasSize(signedBefore);
  }

  static Stream<Arguments> badAttributes() {
    return Stream.of(
        Arguments.of("not an object", "['region']", "attributes: must be an object"),
        Arguments.of(
            "a nested object",
            "{'rls': {'clause': '1=1'}}",
            "attributes.rls: must be a string, a number, a boolean or an array of strings, got an"
                + " object (attributes are flat: no nested objects)"),
        Arguments.of(
            "a mixed array",
            "{'teams': ['red', 7]}",
            "attributes.teams[1]: must be a string: an array holds strings only, got a number"),
        Arguments.of(
            "an array of arrays",
            "{'teams': [['red']]}",
            "attributes.teams[0]: must be a string: an array holds strings only, got an array"),
        Arguments.of(
            "a bad name",
            "{'a b': 1}",
            "attributes: name 'a b' must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'"),
        Arguments.of(
            "a name of 65 characters",
            "{'" + "n".repeat(65) + "': 1}",
            "attributes: name '" + "n".repeat(64) + "…' must be 1 to 64 characters"),
        Arguments.of(
            "a reserved name",
            "{'sub': 'admin'}",
            "attributes: name 'sub' is reserved: a token sets that claim"),
        Arguments.of(
            "a reserved name in another case",
            "{'UserId': 'admin'}",
            "attributes: name 'UserId' is reserved"),
        Arguments.of(
            "an integer beyond 2^53",
            "{'n': 9007199254740992}",
            "attributes.n: must be an integer within ±9007199254740991 or a finite decimal"),
        Arguments.of(
            "a control character",
            "{'region': 'E\\u0000U'}",
            "attributes.region: must not contain control characters"),
        Arguments.of("51 names", names(51), "attributes: must hold at most 50 names, got 51"),
        Arguments.of(
            "more than 4 KiB",
            "{'big': '" + "x".repeat(4087) + "'}",
            "attributes: must be at most 4096 bytes as compact JSON, got 4097"),
        Arguments.of(
            "a duplicate name",
            "{'region': 'EU', 'region': 'US'}",
            "attributes.region: appears more than once"));
  }

  @Test
  void an_attribute_never_becomes_a_top_level_claim() {
    mint("at-smuggle", "{'issuer': 'https://evil.example', 'subject': 'admin', 'exp.': 1}");

    Map<String, Object> claims = server.app.signer.last().claims().asMap();
    assertThat(claims)
        .containsEntry("sub", "at-smuggle")
        .containsEntry("iss", TestApplication.ISSUER);
    assertThat(claims).doesNotContainKeys("issuer", "subject", "exp.");
    assertThat(claims.get("attributes"))
        .isEqualTo(Map.of("issuer", "https://evil.example", "subject", "admin", "exp.", 1L));
  }

  @Test
  void a_datafor_token_carries_no_attributes_even_for_a_user_who_has_some() {
    addUser("admin", "{'region': 'EU'}");

    assertDataforToken(server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), ADMIN));

    assertThat(server.app.signer.last().claims().asMap())
        .containsExactly(
            entry("ERP", "admin"), entry("exp", TestApplication.NOW.getEpochSecond() + 86_400));
  }

  @Test
  void attributes_stored_in_one_workspace_are_not_minted_in_another() {
    addUser("at-iso", "{'region': 'EU'}");
    List<String> b = server.otherWorkspaceAdmin("at-iso-b");

    assertVeltToken(server.post(GENERATE_TOKEN, "{\"userId\":\"at-iso\"}", b));

    assertThat(server.app.signer.last().claims().asMap()).doesNotContainKey("attributes");
  }

  // ---------------------------------------------------------------- helpers

  private static String mint(String userId, String attributes) {
    String body =
        "{\"userId\":\""
            + userId
            + "\""
            + (attributes == null ? "" : ",\"attributes\":" + json(attributes))
            + "}";
    return assertVeltToken(server.post(GENERATE_TOKEN, body, ISSUER));
  }

  private static void addUser(String userId, String attributes) {
    Reply added =
        server.post(
            USERS_ADD,
            json(
                "{'organizationId': 'org_at', 'users': [{'userId': '"
                    + userId
                    + "', 'attributes': "
                    + attributes
                    + "}]}"),
            ADMIN);
    assertThat(added.json().get("result").get("data").get(userId).get("success").booleanValue())
        .as("%s", added)
        .isTrue();
  }

  private static String names(int count) {
    StringJoiner joined = new StringJoiner(", ", "{", "}");
    for (int i = 0; i < count; i++) {
      joined.add("'a" + i + "': " + i);
    }
    return joined.toString();
  }
}
