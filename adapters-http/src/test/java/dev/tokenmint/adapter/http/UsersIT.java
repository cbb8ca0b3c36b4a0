package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforToken;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccess;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccessInOrder;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_ADD;
import static dev.tokenmint.adapter.http.TestServer.USERS_ADD;
import static dev.tokenmint.adapter.http.TestServer.USERS_DELETE;
import static dev.tokenmint.adapter.http.TestServer.USERS_GET;
import static dev.tokenmint.adapter.http.TestServer.USERS_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/users/add|update|get|delete} with good requests: round trips at each scope,
 * per-user outcomes, paging. Each test works in its own organization.
 */
class UsersIT {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void organization_members_round_trip_add_get_update_get_delete_get() {
    Reply added =
        server.post(
            USERS_ADD,
            wrapped(
                """
                {"organizationId": "org_rt", "users": [
                  {"userId": "u1", "name": "John Doe", "email": "john@example.com",
                   "accessRole": "viewer"},
                  {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com"}]}
                """),
            ADMIN);
    assertVeltSuccess(
        added,
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {"u1": {"success": true, "id": "u1", "message": "added"},
                   "u2": {"success": true, "id": "u2", "message": "added"}}}}
        """);

    assertVeltSuccess(
        server.post(USERS_GET, wrapped("{\"organizationId\": \"org_rt\"}"), ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": [
            {"userId": "u1", "name": "John Doe", "email": "john@example.com",
             "accessRole": "viewer"},
            {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com",
             "accessRole": "editor"}]}}
        """);

    Reply updated =
        server.post(
            USERS_UPDATE,
            wrapped(
                """
                {"organizationId": "org_rt", "users": [
                  {"userId": "u1", "name": "John Smith", "accessRole": "editor"}]}
                """),
            ADMIN);
    assertVeltSuccess(
        updated,
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {"u1": {"success": true, "id": "u1", "message": "updated"}}}}
        """);

    assertVeltSuccess(
        server.post(USERS_GET, wrapped("{\"organizationId\": \"org_rt\"}"), ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": [
            {"userId": "u1", "name": "John Smith", "email": "john@example.com",
             "accessRole": "editor"},
            {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com",
             "accessRole": "editor"}]}}
        """);

    Reply deleted =
        server.post(
            USERS_DELETE,
            wrapped("{\"organizationId\": \"org_rt\", \"userIds\": [\"u1\"]}"),
            ADMIN);
    assertVeltSuccess(
        deleted,
        """
        {"result": {"status": "success", "message": "User(s) deleted successfully.",
          "data": {"u1": {"success": true, "id": "u1", "message": "removed"}}}}
        """);

    assertVeltSuccess(
        server.post(USERS_GET, wrapped("{\"organizationId\": \"org_rt\"}"), ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": [
            {"userId": "u2", "name": "Jane Smith", "email": "jane@example.com",
             "accessRole": "editor"}]}}
        """);
  }

  @Test
  void folder_members_round_trip_and_stay_out_of_the_organization_list() {
    String scope = "\"organizationId\": \"org_f\", \"folderId\": \"folder_1\"";
    assertVeltSuccess(
        server.post(
            USERS_ADD,
            "{" + scope + ", \"users\": [{\"userId\": \"fu\", \"accessRole\": \"viewer\"}]}",
            ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {"fu": {"success": true, "id": "fu", "message": "added"}}}}
        """);

    assertThat(getMembers("{" + scope + "}"))
        .containsExactly(Map.of("userId", "fu", "accessRole", "viewer"));
    assertThat(getMembers("{\"organizationId\": \"org_f\"}")).isEmpty();

    server.post(
        USERS_UPDATE,
        "{" + scope + ", \"users\": [{\"userId\": \"fu\", \"accessRole\": \"editor\"}]}",
        ADMIN);
    assertThat(getMembers("{" + scope + "}"))
        .containsExactly(Map.of("userId", "fu", "accessRole", "editor"));

    assertVeltSuccess(
        server.post(USERS_DELETE, "{" + scope + ", \"userIds\": [\"fu\"]}", ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) deleted successfully.",
          "data": {"fu": {"success": true, "id": "fu", "message": "removed"}}}}
        """);
    assertThat(getMembers("{" + scope + "}")).isEmpty();
  }

  @Test
  void document_members_round_trip() {
    String scope = "\"organizationId\": \"org_d\", \"documentId\": \"doc_1\"";
    server.post(USERS_ADD, "{" + scope + ", \"users\": [{\"userId\": \"du\"}]}", ADMIN);

    assertThat(getMembers("{" + scope + "}"))
        .containsExactly(Map.of("userId", "du", "accessRole", "editor"));
    assertThat(getMembers("{\"organizationId\": \"org_d\", \"folderId\": \"doc_1\"}")).isEmpty();

    server.post(USERS_DELETE, "{" + scope + ", \"userIds\": [\"du\"]}", ADMIN);
    assertThat(getMembers("{" + scope + "}")).isEmpty();
  }

  @Test
  void membership_grants_appear_in_the_next_token_for_the_user() {
    server.post(
        USERS_ADD,
        "{\"organizationId\": \"org_tok\", \"users\": [{\"userId\": \"tu\", \"accessRole\":"
            + " \"viewer\"}]}",
        ADMIN);
    server.post(
        USERS_ADD,
        "{\"organizationId\": \"org_tok\", \"folderId\": \"f_tok\", \"users\": [{\"userId\":"
            + " \"tu\"}]}",
        ADMIN);

    assertVeltToken(server.post(GENERATE_TOKEN, "{\"userId\": \"tu\"}", ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry(
            "permissions",
            Map.of(
                "resources",
                List.of(
                    Map.of("type", "organization", "id", "org_tok", "accessRole", "viewer"),
                    Map.of(
                        "type", "folder",
                        "id", "f_tok",
                        "organizationId", "org_tok",
                        "accessRole", "editor"))));
  }

  @Test
  void
      the_stored_name_and_email_fill_what_generate_token_leaves_out_and_the_request_wins_per_field() {
    assertThat(
            server
                .post(
                    USERS_ADD,
                    "{\"organizationId\": \"org_prof\", \"users\": [{\"userId\": \"pu\", \"name\":"
                        + " \"Stored Name\", \"email\": \"stored@example.com\"}]}",
                    ADMIN)
                .status())
        .isEqualTo(200);

    assertVeltToken(server.post(GENERATE_TOKEN, "{\"userId\": \"pu\"}", ISSUER));
    Map<String, Object> onlyId = server.app.signer.last().claims().asMap();
    assertVeltToken(
        server.post(
            GENERATE_TOKEN,
            "{\"userId\": \"pu\", \"userProperties\": {\"name\": \"Request Name\"}}",
            ISSUER));
    Map<String, Object> withName = server.app.signer.last().claims().asMap();

    assertThat(onlyId)
        .containsEntry(
            "userProperties",
            Map.of("name", "Stored Name", "email", "stored@example.com", "isAdmin", false));
    assertThat(withName)
        .containsEntry(
            "userProperties",
            Map.of("name", "Request Name", "email", "stored@example.com", "isAdmin", false));
    assertThat(
            server
                .app
                .users
                .find(server.app.defaultWorkspace.id(), "pu")
                .orElseThrow()
                .profile()
                .name())
        .as("minting stores nothing")
        .contains("Stored Name");
  }

  @Test
  void deleting_from_an_organization_removes_every_membership_inside_it() {
    server.post(
        USERS_ADD, "{\"organizationId\": \"org_all\", \"users\": [{\"userId\": \"au\"}]}", ADMIN);
    server.post(
        USERS_ADD,
        "{\"organizationId\": \"org_all\", \"documentId\": \"d_all\", \"users\": [{\"userId\":"
            + " \"au\"}]}",
        ADMIN);

    server.post(USERS_DELETE, "{\"organizationId\": \"org_all\", \"userIds\": [\"au\"]}", ADMIN);

    assertThat(getMembers("{\"organizationId\": \"org_all\", \"documentId\": \"d_all\"}"))
        .isEmpty();
  }

  @Test
  void initial_is_accepted_and_ignored() {
    assertVeltSuccess(
        server.post(
            USERS_ADD,
            """
            {"organizationId": "org_init", "users": [
              {"userId": "iu", "name": "Ina Ulm", "initial": "IU"}]}
            """,
            ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {"iu": {"success": true, "id": "iu", "message": "added"}}}}
        """);

    assertThat(getMembers("{\"organizationId\": \"org_init\"}"))
        .containsExactly(Map.of("userId", "iu", "name", "Ina Ulm", "accessRole", "editor"));
  }

  @Test
  void get_lists_every_stored_profile_field_that_is_set() {
    assertDataforToken(
        server.post(
            TestServer.GENERATE_AUTHORIZATION,
            RequestBodies.datafor("carol", RequestBodies.KEY_256_BITS),
            ADMIN));
    server.post(
        USERS_ADD,
        "{\"organizationId\": \"org_prof\", \"users\": [{\"userId\": \"carol\"}]}",
        ADMIN);

    assertVeltSuccess(
        server.post(USERS_GET, "{\"organizationId\": \"org_prof\"}", ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": [
            {"userId": "carol", "name": "ERP", "email": "admin@example.com",
             "accessRole": "editor", "roles": ["SYS_CREATOR", "Manager"],
             "company": "string", "dept": "string", "title": "string", "mobile": "string",
             "dob": "string", "description": "string"}]}}
        """);
    assertThat(server.post(USERS_GET, "{\"organizationId\": \"org_prof\"}", ADMIN).body())
        .doesNotContain(RequestBodies.PASSWORD);
  }

  @Test
  void get_lists_a_member_in_the_documented_order_with_is_admin_and_the_grant_s_expiry() {
    server.post(
        USERS_ADD,
        "{\"organizationId\": \"org_order\", \"users\": [{\"userId\": \"ordered\"}]}",
        ADMIN);
    server.post(
        PERMISSIONS_ADD,
        """
        {"user": {"userId": "ordered"}, "permissions": {"resources": [
          {"type": "organization", "id": "org_order", "accessRole": "viewer",
           "expiresAt": 4102444800}]}}
        """,
        ADMIN);
    // Only an embedder's own store holds an admin profile: no route sets isAdmin.
    server.app.users.save(
        server.app.defaultWorkspace.id(),
        new User(
            "ordered",
            UserProfile.builder()
                .name("Ord Ered")
                .email("ord@example.com")
                .admin(true)
                .roles(List.of("auditor"))
                .company("Acme")
                .dept("Ops")
                .title("Lead")
                .mobile("+100")
                .dob("1990-01-01")
                .description("keeps order")
                .build()));

    assertVeltSuccessInOrder(
        server.post(USERS_GET, "{\"organizationId\": \"org_order\"}", ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": [
            {"userId": "ordered", "name": "Ord Ered", "email": "ord@example.com",
             "accessRole": "viewer", "expiresAt": 4102444800, "isAdmin": true,
             "roles": ["auditor"], "company": "Acme", "dept": "Ops", "title": "Lead",
             "mobile": "+100", "dob": "1990-01-01", "description": "keeps order"}]}}
        """);
  }

  // ---------------------------------------------------------------- per-user outcomes

  @Test
  void one_user_with_an_invalid_email_fails_alone_and_the_others_are_stored() {
    Reply reply =
        server.post(
            USERS_ADD,
            """
            {"organizationId": "org_bad1", "users": [
              {"userId": "good1", "email": "good1@example.com"},
              {"userId": "bad", "email": "not-an-address"},
              {"userId": "good2", "accessRole": "viewer"}]}
            """,
            ADMIN);

    JsonNode data =
        assertVeltSuccess(
            reply,
"""
{"result": {"status": "success", "message": "User(s) processed successfully.",
  "data": {
    "good1": {"success": true, "id": "good1", "message": "added"},
    "bad": {"success": false,
            "message": "users[1].email: must be a valid email address, got 'not-an-address'"},
    "good2": {"success": true, "id": "good2", "message": "added"}}}}
""");
    assertThat(Reply.fieldNames(data)).containsExactly("good1", "bad", "good2");
    assertThat(memberIds("org_bad1")).containsExactly("good1", "good2");
    assertThat(server.app.users.find(server.app.defaultWorkspace.id(), "bad")).isEmpty();
  }

  @Test
  void every_problem_of_one_user_is_named_with_its_path() {
    Reply reply =
        server.post(
            USERS_ADD,
            """
            {"organizationId": "org_bad2", "users": [
              {"userId": "ok"},
              {"userId": "multi", "email": "x@", "accessRole": "owner"}]}
            """,
            ADMIN);

    JsonNode data = assertOutcomes(reply, "ok", "multi");
    assertThat(data.get("multi").get("message").asText())
        .contains("users[1].email: must be a valid email address")
        .contains("users[1].accessRole: must be one of [viewer, editor], got 'owner'");
    assertThat(memberIds("org_bad2")).containsExactly("ok");
  }

  @Test
  void user_without_a_valid_user_id_is_keyed_by_its_position() {
    String longId = "x".repeat(257);
    Reply reply =
        server.post(
            USERS_ADD,
            """
            {"organizationId": "org_noid", "users": [
              {"userId": "first"},
              {"name": "No Id"},
              {"userId": ""},
              {"userId": "%s"}]}
            """
                .formatted(longId),
            ADMIN);

    assertVeltSuccess(
        reply,
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {
            "first": {"success": true, "id": "first", "message": "added"},
            "users[1]": {"success": false,
                         "message": "users[1].userId: is required and must not be empty"},
            "users[2]": {"success": false,
                         "message": "users[2].userId: is required and must not be empty"},
            "users[3]": {"success": false,
                         "message": "users[3].userId: must be at most 256 characters, got 257"}}}}
        """);
    assertThat(memberIds("org_noid")).containsExactly("first");
  }

  @Test
  void repeated_user_id_is_refused_for_every_occurrence_and_the_others_are_stored() {
    Reply reply =
        server.post(
            USERS_ADD,
            """
            {"organizationId": "org_rep", "users": [
              {"userId": "twice", "accessRole": "viewer"},
              {"userId": "once"},
              {"userId": "twice", "accessRole": "editor"}]}
            """,
            ADMIN);

    JsonNode data =
        assertVeltSuccess(
            reply,
"""
{"result": {"status": "success", "message": "User(s) processed successfully.",
  "data": {
    "twice": {"success": false,
              "message": "userId appears more than once in this request (users[0], users[2]); none of them was applied, send each user once"},
    "once": {"success": true, "id": "once", "message": "added"}}}}
""");
    assertThat(Reply.fieldNames(data)).containsExactly("twice", "once");
    assertThat(memberIds("org_rep")).containsExactly("once");
  }

  @Test
  void repeated_user_id_is_refused_even_when_one_occurrence_is_invalid() {
    Reply reply =
        server.post(
            USERS_ADD,
            """
            {"organizationId": "org_rep2", "users": [
              {"userId": "dup"}, {"userId": "dup", "email": "nope"}]}
            """,
            ADMIN);

    assertThat(assertOutcomes(reply, "dup").get("dup").get("success").booleanValue()).isFalse();
    assertThat(memberIds("org_rep2")).isEmpty();
  }

  @Test
  void adding_an_existing_member_fails_for_that_user_only() {
    server.post(
        USERS_ADD, "{\"organizationId\": \"org_twice\", \"users\": [{\"userId\": \"m\"}]}", ADMIN);

    assertVeltSuccess(
        server.post(
            USERS_ADD,
            "{\"organizationId\": \"org_twice\", \"users\": [{\"userId\": \"m\"}, {\"userId\":"
                + " \"n\"}]}",
            ADMIN),
"""
{"result": {"status": "success", "message": "User(s) processed successfully.",
  "data": {
    "m": {"success": false,
          "message": "already a member of organization 'org_twice'; change it with /v2/users/update"},
    "n": {"success": true, "id": "n", "message": "added"}}}}
""");
  }

  @Test
  void updating_a_non_member_fails_for_that_user_and_creates_no_profile() {
    server.post(
        USERS_ADD,
        "{\"organizationId\": \"org_upd\", \"users\": [{\"userId\": \"member\", \"name\":"
            + " \"Old\"}]}",
        ADMIN);

    assertVeltSuccess(
        server.post(
            USERS_UPDATE,
            """
            {"organizationId": "org_upd", "users": [
              {"userId": "stranger", "name": "Nobody"},
              {"userId": "member", "name": "New"}]}
            """,
            ADMIN),
"""
{"result": {"status": "success", "message": "User(s) processed successfully.",
  "data": {
    "stranger": {"success": false,
                 "message": "not a member of organization 'org_upd'; add it with /v2/users/add"},
    "member": {"success": true, "id": "member", "message": "updated"}}}}
""");
    assertThat(server.app.users.find(server.app.defaultWorkspace.id(), "stranger")).isEmpty();
    assertThat(getMembers("{\"organizationId\": \"org_upd\"}"))
        .containsExactly(Map.of("userId", "member", "name", "New", "accessRole", "editor"));
  }

  @Test
  void deleting_a_non_member_fails_for_that_user_only() {
    server.post(
        USERS_ADD, "{\"organizationId\": \"org_del\", \"users\": [{\"userId\": \"in\"}]}", ADMIN);

    assertVeltSuccess(
        server.post(
            USERS_DELETE,
            "{\"organizationId\": \"org_del\", \"userIds\": [\"out\", \"in\", \"\"]}",
            ADMIN),
        """
        {"result": {"status": "success", "message": "User(s) deleted successfully.",
          "data": {
            "out": {"success": false, "message": "not a member of organization 'org_del'"},
            "in": {"success": true, "id": "in", "message": "removed"},
            "userIds[2]": {"success": false,
                           "message": "userIds[2]: is required and must not be empty"}}}}
        """);
    assertThat(memberIds("org_del")).isEmpty();
  }

  @Test
  void deleting_the_same_user_twice_in_one_request_removes_nothing() {
    server.post(
        USERS_ADD, "{\"organizationId\": \"org_del2\", \"users\": [{\"userId\": \"x\"}]}", ADMIN);

    Reply reply =
        server.post(
            USERS_DELETE, "{\"organizationId\": \"org_del2\", \"userIds\": [\"x\", \"x\"]}", ADMIN);

    assertThat(assertOutcomes(reply, "x").get("x").get("message").asText())
        .isEqualTo(
            "userId appears more than once in this request (userIds[0], userIds[1]); none of them"
                + " was applied, send each user once");
    assertThat(memberIds("org_del2")).containsExactly("x");
  }

  // ---------------------------------------------------------------- paging and filters

  @Test
  void page_size_2_over_5_members_follows_next_page_token_to_the_end() {
    addMembers("org_page", "p5", "p3", "p1", "p4", "p2");

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String pageToken = null;
    int requests = 0;
    do {
      String body =
          "{\"organizationId\": \"org_page\", \"pageSize\": 2"
              + (pageToken == null ? "" : ", \"pageToken\": \"" + pageToken + "\"")
              + "}";
      Reply reply = server.post(USERS_GET, wrapped(body), ADMIN);
      assertThat(reply.status()).as("%s", reply).isEqualTo(200);
      JsonNode result = reply.json().get("result");
      result.get("data").forEach(member -> seen.add(member.get("userId").asText()));
      pageSizes.add(result.get("data").size());
      pageToken = result.has("nextPageToken") ? result.get("nextPageToken").asText() : null;
      requests++;
    } while (pageToken != null && requests < 10);

    assertThat(seen).containsExactly("p1", "p2", "p3", "p4", "p5");
    assertThat(pageSizes).containsExactly(2, 2, 1);
  }

  @Test
  void last_page_has_no_next_page_token_key() {
    addMembers("org_last", "l1", "l2");

    Reply reply =
        server.post(USERS_GET, "{\"organizationId\": \"org_last\", \"pageSize\": 2}", ADMIN);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(Reply.fieldNames(reply.json().get("result")))
        .containsExactly("status", "message", "data");
  }

  @Test
  void empty_page_token_means_the_first_page() {
    addMembers("org_empty_token", "e1", "e2");

    Reply reply =
        server.post(
            USERS_GET,
            "{\"organizationId\": \"org_empty_token\", \"pageSize\": 1, \"pageToken\": \"\"}",
            ADMIN);

    JsonNode result = reply.json().get("result");
    assertThat(result.get("data").get(0).get("userId").asText()).isEqualTo("e1");
    assertThat(result.has("nextPageToken")).isTrue();
  }

  @Test
  void user_ids_narrow_the_list_to_members_among_them() {
    addMembers("org_ids", "a", "b", "c");

    Reply reply =
        server.post(
            USERS_GET,
            "{\"organizationId\": \"org_ids\", \"userIds\": [\"c\", \"zzz\", \"a\"]}",
            ADMIN);

    assertVeltSuccess(
        reply,
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": [{"userId": "a", "accessRole": "editor"},
                   {"userId": "c", "accessRole": "editor"}]}}
        """);
  }

  @Test
  void thirty_user_ids_are_accepted() {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      ids.append(i == 0 ? "" : ",").append("\"id").append(i).append('"');
    }

    Reply reply =
        server.post(
            USERS_GET, "{\"organizationId\": \"org_30\", \"userIds\": [" + ids + "]}", ADMIN);

    assertVeltSuccess(
        reply,
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": []}}
        """);
  }

  // ---------------------------------------------------------------- helpers

  private static void addMembers(String organizationId, String... userIds) {
    StringBuilder users = new StringBuilder();
    for (String userId : userIds) {
      users
          .append(users.length() == 0 ? "" : ",")
          .append("{\"userId\":\"")
          .append(userId)
          .append("\"}");
    }
    Reply reply =
        server.post(
            USERS_ADD,
            "{\"organizationId\":\"" + organizationId + "\",\"users\":[" + users + "]}",
            ADMIN);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    reply
        .json()
        .get("result")
        .get("data")
        .forEach(o -> assertThat(o.get("success").asBoolean()).isTrue());
  }

  /** The members users/get lists for {@code body}, each as a map of its fields. */
  private static List<Map<String, Object>> getMembers(String body) {
    Reply reply = server.post(USERS_GET, body, ADMIN);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    List<Map<String, Object>> members = new ArrayList<>();
    reply
        .json()
        .get("result")
        .get("data")
        .forEach(
            member -> {
              Map<String, Object> fields = new LinkedHashMap<>();
              member.properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
              members.add(fields);
            });
    return members;
  }

  private static List<String> memberIds(String organizationId) {
    return getMembers("{\"organizationId\": \"" + organizationId + "\"}").stream()
        .map(member -> (String) member.get("userId"))
        .toList();
  }

  /** Asserts a 200 per-user answer keyed exactly by {@code keys}, in order; returns its data. */
  private static JsonNode assertOutcomes(Reply reply, String... keys) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    JsonNode data = reply.json().get("result").get("data");
    assertThat(Reply.fieldNames(data)).containsExactly(keys);
    return data;
  }
}
