package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccess;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccessInOrder;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.CHECK_ACCESS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_ADD;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_GET;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_REMOVE;
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
 * Prefix grants ({@code "id": "report_*"}) on every route a grant appears on: generate_token (the
 * token carries them as sent), check_access (most specific wins and {@code decidedBy} names the
 * pattern), verify_token, the stored grants of permissions/add|get|remove and of users/add|get|
 * delete, their bad forms, and workspace isolation. The clock stands at 2026-01-01.
 */
class PrefixGrantsIT {

  /** 2022-01-01, before the test clock. */
  private static final long PAST = 1_640_995_200L;

  private static final String REPORTS =
      "{'type': 'document', 'id': 'report_*', 'organizationId': 'org1', 'accessRole': 'viewer'}";
  private static final String Q1_REPORTS =
      "{'type': 'document', 'id': 'report_q1_*', 'organizationId': 'org1', 'accessRole': 'editor'}";
  private static final String FINANCE_FOLDERS =
      "{'type': 'folder', 'id': 'finance_*', 'organizationId': 'org1', 'accessRole': 'editor'}";
  private static final String ORG_VIEWER =
      "{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer'}";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- minting and deciding

  @Test
  void a_token_carries_prefix_grants_as_sent() {
    mint(REPORTS, "{'type': 'folder', 'id': '*', 'organizationId': 'org1'}");

    assertThat(server.app.signer.last().claims().get("permissions").orElseThrow())
        .hasToString(
            "{resources=[{type=document, id=report_*, organizationId=org1, accessRole=viewer},"
                + " {type=folder, id=*, organizationId=org1, accessRole=editor}]}");
  }

  @Test
  void the_longest_matching_prefix_decides_and_is_named() {
    String token = mint(ORG_VIEWER, REPORTS, Q1_REPORTS);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "report_q1_final", null), ISSUER),
        allowed("editor", Q1_REPORTS, "null"));
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "report_q2_final", null), ISSUER),
        allowed("viewer", REPORTS, "null"));
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "memo", null), ISSUER),
        allowed("viewer", ORG_VIEWER, "null"));
  }

  @Test
  void an_exact_document_grant_decides_before_any_prefix() {
    String exact =
        "{'type': 'document', 'id': 'report_q1_final', 'organizationId': 'org1', 'accessRole':"
            + " 'viewer'}";
    String token = mint(Q1_REPORTS, exact);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "report_q1_final", null), ISSUER),
        allowed("viewer", exact, "null"));
  }

  @Test
  void an_expired_prefix_is_inert_and_the_next_one_decides() {
    String expired =
        "{'type': 'document', 'id': 'report_q1_*', 'organizationId': 'org1', 'accessRole':"
            + " 'editor', 'expiresAt': "
            + PAST
            + "}";
    String token = mint(REPORTS, expired);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "report_q1_final", null), ISSUER),
        allowed("viewer", REPORTS, "null"));
  }

  @Test
  void a_document_prefix_decides_before_the_folder_and_a_folder_prefix_before_the_organization() {
    String token = mint(ORG_VIEWER, FINANCE_FOLDERS, REPORTS);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "report_1", "finance_2024"), ISSUER),
        allowed("viewer", REPORTS, "null"));
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "memo", "finance_2024"), ISSUER),
        allowed("editor", FINANCE_FOLDERS, "null"));
    assertVeltSuccessInOrder(
        server.post(
            CHECK_ACCESS,
            json("{'token': '%s', 'type': 'folder', 'id': 'finance_2023', 'organizationId': 'org1'}")
                .formatted(token),
            ISSUER),
        allowed("editor", FINANCE_FOLDERS, "null"));
  }

  @Test
  void a_prefix_of_one_organization_decides_nothing_in_another() {
    String token = mint(REPORTS);

    assertVeltSuccessInOrder(
        server.post(
            CHECK_ACCESS,
            json("{'token': '%s', 'type': 'document', 'id': 'report_1', 'organizationId':"
                    + " 'org2'}")
                .formatted(token),
            ISSUER),
        none("no grant on document 'report_1', organization 'org2'"));
  }

  @Test
  void verify_token_returns_the_prefix_grants_as_the_token_carries_them() {
    String token = mint(REPORTS);

    JsonNode data =
        server
            .post(VERIFY_TOKEN, json("{'token': '%s'}").formatted(token), ISSUER)
            .json()
            .get("result")
            .get("data");

    assertThat(data.get("valid").booleanValue()).isTrue();
    assertThat(data.get("claims").get("permissions").get("resources").get(0).get("id").asText())
        .isEqualTo("report_*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patternQuestions")
  void a_question_names_one_resource_never_a_pattern(String name, String fields, String fragment) {
    String token = mint(REPORTS);

    assertVeltFailure(
        server.post(CHECK_ACCESS, json("{'token': '" + token + "', " + fields + "}"), ISSUER),
        400,
        "INVALID_ARGUMENT",
        fragment);
  }

  static Stream<Arguments> patternQuestions() {
    String rule = "must name one resource exactly: '*' is reserved for prefix grants";
    return Stream.of(
        Arguments.of(
            "a document pattern",
            "'type': 'document', 'id': 'report_*', 'organizationId': 'org1'",
            "id: " + rule),
        Arguments.of(
            "a folder id pattern",
            "'type': 'document', 'id': 'report_1', 'organizationId': 'org1', 'folderId': 'f_*'",
            "folderId: " + rule),
        Arguments.of(
            "an organization wildcard",
            "'type': 'organization', 'id': '*'",
            "id: must not contain '*'"));
  }

  // ---------------------------------------------------------------- bad grants

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPatterns")
  void a_bad_pattern_is_invalid_argument_at_its_field(String name, String grants, String fragment) {
    int signedBefore = server.app.signer.signed().size();

    assertVeltFailure(
        server.post(
            GENERATE_TOKEN,
            json("{'userId': 'pg-bad', 'permissions': {'resources': [" + grants + "]}}"),
            ISSUER),
        400,
        "INVALID_ARGUMENT",
        fragment);
    assertVeltFailure(
        server.post(
            PERMISSIONS_ADD,
            json("{'user': {'userId': 'pg-bad'}, 'permissions': {'resources': [" + grants + "]}}"),
            ADMIN),
        400,
        "INVALID_ARGUMENT",
        fragment);
    assertThat(server.app.signer.signed()).hasSize(signedBefore);
    assertThat(server.app.grants.grantsOf(server.app.defaultWorkspace.id(), "pg-bad").size())
        .isZero();
  }

  static Stream<Arguments> badPatterns() {
    return Stream.of(
        Arguments.of(
            "a star in the middle",
            "{'type': 'document', 'id': 're*port', 'organizationId': 'org1'}",
            "permissions.resources[0].id: may hold '*' only as its last character"),
        Arguments.of(
            "two stars",
            "{'type': 'folder', 'id': 'report**', 'organizationId': 'org1'}",
            "permissions.resources[0].id: may hold '*' only as its last character"),
        Arguments.of(
            "an organization wildcard",
            "{'type': 'organization', 'id': '*'}",
            "permissions.resources[0].id: must not contain '*': an organization is always named"
                + " exactly"),
        Arguments.of(
            "an organization prefix",
            "{'type': 'organization', 'id': 'org_*'}",
            "permissions.resources[0].id: must not contain '*'"),
        Arguments.of(
            "a prefix inside a wildcard organization",
            "{'type': 'document', 'id': 'r_*', 'organizationId': 'org*'}",
            "permissions.resources[0].organizationId: must not contain '*'"),
        Arguments.of(
            "a prefix longer than the id limit",
            "{'type': 'document', 'id': '" + "p".repeat(256) + "*', 'organizationId': 'org1'}",
            "permissions.resources[0].id: must be at most 256 characters with its '*' (a prefix"
                + " of at most 255), got 257"),
        Arguments.of(
            "the same pattern twice",
            REPORTS + ", {'type': 'document', 'id': 'report_*', 'organizationId': 'org1'}",
            "permissions.resources[1]: names the same resource as [0]"));
  }

  @Test
  void the_same_prefix_in_two_organizations_or_types_is_two_grants() {
    mint(
        REPORTS,
        "{'type': 'document', 'id': 'report_*', 'organizationId': 'org2'}",
        "{'type': 'folder', 'id': 'report_*', 'organizationId': 'org1'}",
        "{'type': 'document', 'id': 'report_', 'organizationId': 'org1'}");

    assertThat(server.app.signer.last().claims().get("permissions").orElseThrow().toString())
        .contains("id=report_*, organizationId=org2")
        .contains("type=folder, id=report_*")
        .contains("id=report_, organizationId=org1");
  }

  // ---------------------------------------------------------------- stored grants

  @Test
  void stored_prefix_grants_round_trip_merge_into_tokens_and_decide() {
    String userId = "pg-stored";
    Reply added =
        server.post(
            PERMISSIONS_ADD,
            json(
                "{'user': {'userId': '"
                    + userId
                    + "'}, 'permissions': {'resources': ["
                    + REPORTS
                    + ", "
                    + FINANCE_FOLDERS
                    + "]}}"),
            ADMIN);
    assertThat(added.status()).as("%s", added).isEqualTo(200);

    assertVeltSuccess(
        server.post(
            PERMISSIONS_GET,
            json("{'organizationId': 'org1', 'userIds': ['" + userId + "']}"),
            ADMIN),
        json(
            """
            {'result': {'status': 'success', 'message': 'User permissions retrieved successfully.',
              'data': {'pg-stored': {'organization': {},
                'folders': {'finance_*': {'accessRole': 'editor'}},
                'documents': {'report_*': {'accessRole': 'viewer'}}}}}}
            """));

    String token = assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest(userId), ISSUER));
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "report_9", null), ISSUER),
        allowed("viewer", REPORTS, "null"));

    Reply removed =
        server.post(
            PERMISSIONS_REMOVE,
            json(
                "{'userId': '"
                    + userId
                    + "', 'permissions': {'resources': [{'type': 'document', 'id': 'report_9',"
                    + " 'organizationId': 'org1'}, {'type': 'document', 'id': 'report_*',"
                    + " 'organizationId': 'org1'}]}}"),
            ADMIN);
    assertThat(removed.json().get("result").get("data").get("removed").intValue()).isEqualTo(1);
    assertThat(server.app.grants.grantsOf(server.app.defaultWorkspace.id(), userId).asList())
        .extracting(g -> g.resource().id())
        .containsExactly("finance_*");
  }

  @Test
  void a_prefix_scope_is_a_membership_of_its_own() {
    Reply added =
        server.post(
            USERS_ADD,
            json(
                "{'organizationId': 'org_m', 'documentId': 'report_*', 'users': [{'userId':"
                    + " 'pg-member', 'accessRole': 'viewer'}]}"),
            ADMIN);
    assertThat(
            added.json().get("result").get("data").get("pg-member").get("success").booleanValue())
        .isTrue();

    JsonNode members =
        server
            .post(USERS_GET, json("{'organizationId': 'org_m', 'documentId': 'report_*'}"), ADMIN)
            .json()
            .get("result")
            .get("data");
    assertThat(members.toString())
        .isEqualTo(json("[{'userId':'pg-member','accessRole':'viewer'}]"));

    Reply deleted =
        server.post(
            USERS_DELETE,
            json("{'organizationId': 'org_m', 'documentId': 'report_*', 'userIds': ['pg-member']}"),
            ADMIN);
    assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
    assertThat(server.app.grants.grantsOf(server.app.defaultWorkspace.id(), "pg-member").size())
        .isZero();
  }

  @Test
  void a_membership_scope_with_a_star_in_the_middle_is_refused_at_its_field() {
    assertVeltFailure(
        server.post(
            USERS_ADD,
            json(
                "{'organizationId': 'org1', 'folderId': 'fin*ance', 'users': [{'userId':"
                    + " 'pg-x'}]}"),
            ADMIN),
        400,
        "INVALID_ARGUMENT",
        "folderId: may hold '*' only as its last character");
    assertVeltFailure(
        server.post(
            USERS_ADD, json("{'organizationId': '*', 'users': [{'userId': 'pg-x'}]}"), ADMIN),
        400,
        "INVALID_ARGUMENT",
        "organizationId: must not contain '*'");
  }

  // ---------------------------------------------------------------- workspaces

  @Test
  void a_stored_prefix_of_one_workspace_decides_nothing_in_another() {
    List<String> b = server.otherWorkspaceAdmin("pg-iso-b");
    String userId = "pg-iso";
    Reply added =
        server.post(
            PERMISSIONS_ADD,
            json(
                "{'user': {'userId': '"
                    + userId
                    + "'}, 'permissions': {'resources': ["
                    + REPORTS
                    + "]}}"),
            ADMIN);
    assertThat(added.status()).as("%s", added).isEqualTo(200);

    String tokenOfB = assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest(userId), b));

    assertThat(server.app.signer.last().claims().get("permissions").orElseThrow())
        .hasToString("{resources=[]}");
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(tokenOfB, "report_1", null), b),
        none("no grant on document 'report_1', organization 'org1'"));
    assertVeltSuccess(
        server.post(
            PERMISSIONS_GET, json("{'organizationId': 'org1', 'userIds': ['" + userId + "']}"), b),
        json(
            """
            {'result': {'status': 'success', 'message': 'User permissions retrieved successfully.',
              'data': {'pg-iso': {'organization': {}, 'folders': {}, 'documents': {}}}}}
            """));
  }

  // ---------------------------------------------------------------- helpers

  private static String mint(String... grants) {
    String[] resources = new String[grants.length];
    for (int i = 0; i < grants.length; i++) {
      resources[i] = json(grants[i]);
    }
    String userId = "pg-" + (server.app.signer.signed().size() + 1);
    return assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest(userId, resources), ISSUER));
  }

  private static String document(String token, String id, String folderId) {
    return json("{'token': '%s', 'type': 'document', 'id': '%s', 'organizationId': 'org1'"
            + (folderId == null ? "" : ", 'folderId': '" + folderId + "'")
            + "}")
        .formatted(token, id);
  }

  private static String allowed(String role, String decidedBy, String expiresAt) {
    return json(
        """
        {'result': {'status': 'success', 'message': 'Access checked successfully.',
          'data': {'valid': true, 'accessRole': '%s', 'decidedBy': %s, 'expiresAt': %s}}}
        """
            .formatted(role, decidedBy, expiresAt));
  }

  private static String none(String message) {
    return """
    {"result": {"status": "success", "message": "Access checked successfully.",
      "data": {"valid": true, "accessRole": "none", "decidedBy": null, "expiresAt": null,
               "reason": "no_grant", "message": "%s"}}}
    """
        .formatted(message);
  }
}
