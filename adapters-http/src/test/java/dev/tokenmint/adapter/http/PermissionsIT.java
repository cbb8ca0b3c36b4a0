package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccess;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_ADD;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_GET;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_REMOVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.TokenLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/auth/permissions/add|remove|get} with good requests: round trips, Velt's
 * documented example, and stored grants in minted tokens. Each test works with its own user.
 */
class PermissionsIT {

  /** Velt's documented permissions/add example. */
  private static final String VELT_ADD_EXAMPLE =
      """
      {"user": {"userId": "some-user-id"},
       "permissions": {"resources": [
         {"type": "organization", "id": "YOUR_ORGANIZATION_ID"},
         {"type": "document", "id": "YOUR_DOCUMENT_ID",
          "organizationId": "YOUR_ORGANIZATION_ID", "expiresAt": 1728902400}]}}
      """;

  /** Velt's documented permissions/remove example, for the user of {@link #VELT_ADD_EXAMPLE}. */
  private static final String VELT_REMOVE_EXAMPLE =
      """
      {"userId": "some-user-id",
       "permissions": {"resources": [
         {"type": "organization", "id": "YOUR_ORGANIZATION_ID"},
         {"type": "document", "id": "YOUR_DOCUMENT_ID",
          "organizationId": "YOUR_ORGANIZATION_ID"}]}}
      """;

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
  void velt_documented_examples_round_trip_add_get_remove_get() {
    assertVeltSuccess(
        server.post(PERMISSIONS_ADD, wrapped(VELT_ADD_EXAMPLE), ADMIN),
        """
        {"result": {"status": "success", "message": "Permissions added successfully.",
          "data": {"stored": 2}}}
        """);

    String get =
        wrapped(
            """
            {"organizationId": "YOUR_ORGANIZATION_ID", "userIds": ["some-user-id"]}
            """);
    assertVeltSuccess(
        server.post(PERMISSIONS_GET, get, ADMIN),
        """
        {"result": {"status": "success", "message": "User permissions retrieved successfully.",
          "data": {"some-user-id": {
            "organization": {"YOUR_ORGANIZATION_ID": {"accessRole": "editor"}},
            "folders": {},
            "documents": {"YOUR_DOCUMENT_ID": {"accessRole": "editor",
                                               "expiresAt": 1728902400}}}}}}
        """);

    assertVeltSuccess(
        server.post(PERMISSIONS_REMOVE, wrapped(VELT_REMOVE_EXAMPLE), ADMIN),
        """
        {"result": {"status": "success", "message": "Permissions removed successfully.",
          "data": {"removed": 2}}}
        """);

    assertVeltSuccess(
        server.post(PERMISSIONS_GET, get, ADMIN),
        """
        {"result": {"status": "success", "message": "User permissions retrieved successfully.",
          "data": {"some-user-id": {"organization": {}, "folders": {}, "documents": {}}}}}
        """);
  }

  @Test
  void every_kind_of_grant_round_trips_unwrapped() {
    assertVeltSuccess(
        server.post(
            PERMISSIONS_ADD,
            """
            {"user": {"userId": "kinds"}, "permissions": {"resources": [
              {"type": "organization", "id": "org_k", "accessRole": "viewer"},
              {"type": "folder", "id": "f_k", "organizationId": "org_k", "accessRole": "editor",
               "expiresAt": 1640995200},
              {"type": "document", "id": "d_k", "organizationId": "org_k",
               "accessRole": "viewer"}]}}
            """,
            ADMIN),
        """
        {"result": {"status": "success", "message": "Permissions added successfully.",
          "data": {"stored": 3}}}
        """);

    assertVeltSuccess(
        server.post(
            PERMISSIONS_GET, "{\"organizationId\": \"org_k\", \"userIds\": [\"kinds\"]}", ADMIN),
        """
        {"result": {"status": "success", "message": "User permissions retrieved successfully.",
          "data": {"kinds": {
            "organization": {"org_k": {"accessRole": "viewer"}},
            "folders": {"f_k": {"accessRole": "editor", "expiresAt": 1640995200}},
            "documents": {"d_k": {"accessRole": "viewer"}}}}}}
        """);

    assertVeltSuccess(
        server.post(
            PERMISSIONS_REMOVE,
            """
            {"userId": "kinds", "permissions": {"resources": [
              {"type": "folder", "id": "f_k", "organizationId": "org_k"},
              {"type": "document", "id": "not_stored", "organizationId": "org_k"}]}}
            """,
            ADMIN),
        """
        {"result": {"status": "success", "message": "Permissions removed successfully.",
          "data": {"removed": 1}}}
        """);

    assertVeltSuccess(
        server.post(
            PERMISSIONS_GET, "{\"organizationId\": \"org_k\", \"userIds\": [\"kinds\"]}", ADMIN),
        """
        {"result": {"status": "success", "message": "User permissions retrieved successfully.",
          "data": {"kinds": {
            "organization": {"org_k": {"accessRole": "viewer"}},
            "folders": {},
            "documents": {"d_k": {"accessRole": "viewer"}}}}}}
        """);
  }

  @Test
  void adding_a_grant_on_a_stored_resource_replaces_it() {
    addGrants(
        "repl", "{\"type\": \"organization\", \"id\": \"org_r\", \"accessRole\": \"viewer\"}");
    addGrants("repl", "{\"type\": \"organization\", \"id\": \"org_r\", \"expiresAt\": 1900000000}");

    assertVeltSuccess(
        server.post(
            PERMISSIONS_GET, "{\"organizationId\": \"org_r\", \"userIds\": [\"repl\"]}", ADMIN),
        """
        {"result": {"status": "success", "message": "User permissions retrieved successfully.",
          "data": {"repl": {
            "organization": {"org_r": {"accessRole": "editor", "expiresAt": 1900000000}},
            "folders": {}, "documents": {}}}}}
        """);
  }

  @Test
  void removing_the_same_resource_twice_in_one_request_counts_it_once() {
    addGrants("twice", "{\"type\": \"organization\", \"id\": \"org_t\"}");

    assertVeltSuccess(
        server.post(
            PERMISSIONS_REMOVE,
            """
            {"userId": "twice", "permissions": {"resources": [
              {"type": "organization", "id": "org_t"},
              {"type": "organization", "id": "org_t"}]}}
            """,
            ADMIN),
        """
        {"result": {"status": "success", "message": "Permissions removed successfully.",
          "data": {"removed": 1}}}
        """);
  }

  @Test
  void get_answers_per_user_in_request_order_only_inside_the_organization_and_filtered() {
    addGrants(
        "g1",
        "{\"type\": \"organization\", \"id\": \"org_g\", \"accessRole\": \"viewer\"}",
        "{\"type\": \"folder\", \"id\": \"f1\", \"organizationId\": \"org_g\"}",
        "{\"type\": \"folder\", \"id\": \"f2\", \"organizationId\": \"org_g\"}",
        "{\"type\": \"document\", \"id\": \"d1\", \"organizationId\": \"org_g\"}",
        "{\"type\": \"document\", \"id\": \"elsewhere\", \"organizationId\": \"org_other\"}");
    addGrants("g2", "{\"type\": \"document\", \"id\": \"d2\", \"organizationId\": \"org_g\"}");

    Reply reply =
        server.post(
            PERMISSIONS_GET,
            """
            {"organizationId": "org_g", "userIds": ["g2", "nobody", "g1"],
             "folderIds": ["f2"], "documentIds": ["d1", "d2"]}
            """,
            ADMIN);

    assertThat(Reply.fieldNames(reply.json().get("result").get("data")))
        .containsExactly("g2", "nobody", "g1");
    assertVeltSuccess(
        reply,
"""
{"result": {"status": "success", "message": "User permissions retrieved successfully.",
  "data": {
    "g2": {"organization": {}, "folders": {}, "documents": {"d2": {"accessRole": "editor"}}},
    "nobody": {"organization": {}, "folders": {}, "documents": {}},
    "g1": {"organization": {"org_g": {"accessRole": "viewer"}},
           "folders": {"f2": {"accessRole": "editor"}},
           "documents": {"d1": {"accessRole": "editor"}}}}}}
""");
  }

  @Test
  void stored_grants_appear_in_the_next_token_for_the_user() {
    addGrants(
        "tok",
        "{\"type\": \"organization\", \"id\": \"org_x\", \"accessRole\": \"viewer\"}",
        "{\"type\": \"document\", \"id\": \"d_x\", \"organizationId\": \"org_x\","
            + " \"expiresAt\": 1640995200}");

    assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("tok"), ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry(
            "permissions",
            Map.of(
                "resources",
                List.of(
                    Map.of("type", "organization", "id", "org_x", "accessRole", "viewer"),
                    Map.of(
                        "type", "document",
                        "id", "d_x",
                        "organizationId", "org_x",
                        "accessRole", "editor",
                        "expiresAt", 1_640_995_200L))));
  }

  @Test
  void a_request_grant_wins_over_a_stored_one_on_the_same_resource() {
    addGrants(
        "win",
        "{\"type\": \"organization\", \"id\": \"org_w\", \"accessRole\": \"viewer\"}",
        "{\"type\": \"folder\", \"id\": \"f_w\", \"organizationId\": \"org_w\"}");

    assertVeltToken(
        server.post(
            GENERATE_TOKEN,
            tokenRequest(
                "win",
                "{\"type\": \"organization\", \"id\": \"org_w\", \"accessRole\": \"editor\"}"),
            ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry(
            "permissions",
            Map.of(
                "resources",
                List.of(
                    Map.of("type", "organization", "id", "org_w", "accessRole", "editor"),
                    Map.of(
                        "type", "folder",
                        "id", "f_w",
                        "organizationId", "org_w",
                        "accessRole", "editor"))));
  }

  @Test
  void removed_grants_leave_the_next_token() {
    addGrants("gone", "{\"type\": \"organization\", \"id\": \"org_gone\"}");
    server.post(
        PERMISSIONS_REMOVE,
        "{\"userId\": \"gone\", \"permissions\": {\"resources\": [{\"type\": \"organization\","
            + " \"id\": \"org_gone\"}]}}",
        ADMIN);

    assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("gone"), ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry("permissions", Map.of("resources", List.of()));
  }

  @Test
  void storing_more_grants_than_a_token_may_carry_is_resource_exhausted_and_stores_nothing() {
    try (TestServer small =
        TestServer.start(TestApplication.withLimits(new TokenLimits(2, 128 * 1024, 8 * 1024)))) {
      String body =
          "{\"user\": {\"userId\": \"many\"}, \"permissions\": {\"resources\": ["
              + "{\"type\": \"organization\", \"id\": \"o1\"},"
              + "{\"type\": \"organization\", \"id\": \"o2\"},"
              + "{\"type\": \"organization\", \"id\": \"o3\"}]}}";
      TestServer.Stored before = small.stored();

      assertVeltFailure(
          small.post(PERMISSIONS_ADD, body, ADMIN),
          413,
          "RESOURCE_EXHAUSTED",
          "the user would hold 3 stored grants, over the limit of 2");
      small.assertNothingStoredSince(before);
    }
  }

  private static void addGrants(String userId, String... resources) {
    String body =
        "{\"user\": {\"userId\": \""
            + userId
            + "\"}, \"permissions\": {\"resources\": ["
            + String.join(",", resources)
            + "]}}";
    Reply reply = server.post(PERMISSIONS_ADD, body, ADMIN);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }
}
