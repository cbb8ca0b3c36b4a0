package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccess;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_ADD;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_GET;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_REMOVE;
import static dev.tokenmint.adapter.http.TestServer.USERS_ADD;
import static dev.tokenmint.adapter.http.TestServer.USERS_DELETE;
import static dev.tokenmint.adapter.http.TestServer.USERS_GET;
import static dev.tokenmint.adapter.http.TestServer.USERS_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call the users and permissions routes, and that nothing crosses workspaces: data written
 * through workspace A is invisible to and unchangeable by workspace B's admin, and the other way
 * round. Each isolation test uses ids of its own, the same in both workspaces.
 */
class UsersAndPermissionsAccessIT {

  private static TestServer server;

  /** The default workspace's admin: workspace A. */
  private static final List<String> A = ADMIN;

  /** Another workspace's admin, created through the application: workspace B. */
  private static List<String> b;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
    b = server.otherWorkspaceAdmin("other");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- roles

  static Stream<Arguments> validRequests() {
    return Stream.of(
        Arguments.of(
            USERS_ADD, json("{'organizationId': 'org_role', 'users': [{'userId': 'r1'}]}")),
        Arguments.of(
            USERS_UPDATE, json("{'organizationId': 'org_role', 'users': [{'userId': 'r1'}]}")),
        Arguments.of(USERS_GET, json("{'organizationId': 'org_role'}")),
        Arguments.of(USERS_DELETE, json("{'organizationId': 'org_role', 'userIds': ['r1']}")),
        Arguments.of(
            PERMISSIONS_ADD,
            json(
                "{'user': {'userId': 'r1'}, 'permissions': {'resources': [{'type':"
                    + " 'organization', 'id': 'org_role'}]}}")),
        Arguments.of(
            PERMISSIONS_REMOVE,
            json(
                "{'userId': 'r1', 'permissions': {'resources': [{'type': 'organization', 'id':"
                    + " 'org_role'}]}}")),
        Arguments.of(PERMISSIONS_GET, json("{'organizationId': 'org_role', 'userIds': ['r1']}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validRequests")
  void issuer_credential_is_permission_denied_and_changes_nothing(String route, String body) {
    TestServer.Stored before = server.stored();

    assertVeltFailure(
        server.post(route, body, ISSUER),
        403,
        "PERMISSION_DENIED",
        "this operation needs the 'admin' role; the credential used has 'issuer'");
    server.assertNothingStoredSince(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validRequests")
  void no_credentials_is_unauthenticated_and_changes_nothing(String route, String body) {
    TestServer.Stored before = server.stored();

    assertVeltFailure(
        server.post(route, body, ANONYMOUS), 401, "UNAUTHENTICATED", "missing credentials");
    server.assertNothingStoredSince(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validRequests")
  void admin_credential_is_allowed(String route, String body) {
    assertThat(server.post(route, body, A).status()).isEqualTo(200);
  }

  @Test
  void issuer_is_denied_even_when_every_user_of_the_batch_is_invalid() {
    String body = json("{'organizationId': 'org_role', 'users': [{'email': 'nope'}]}");

    assertVeltFailure(
        server.post(USERS_ADD, body, ISSUER), 403, "PERMISSION_DENIED", "needs the 'admin' role");
    assertVeltFailure(
        server.post(USERS_DELETE, json("{'organizationId': 'org_role', 'userIds': ['']}"), ISSUER),
        403,
        "PERMISSION_DENIED",
        "needs the 'admin' role");
  }

  // ---------------------------------------------------------------- isolation, route by route

  @Test
  void users_add_in_one_workspace_does_not_see_the_others_members() {
    addMember(A, "org_iso_add", "same", "In A");

    // B adds the same user to the same organization: not "already a member".
    assertVeltSuccess(
        add(b, "org_iso_add", "same", "In B"),
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {"same": {"success": true, "id": "same", "message": "added"}}}}
        """);

    assertThat(members(A, "org_iso_add")).containsExactly("same:In A");
    assertThat(members(b, "org_iso_add")).containsExactly("same:In B");
  }

  @Test
  void users_get_lists_only_the_callers_members() {
    addMember(A, "org_iso_get", "only_a", "A");
    addMember(b, "org_iso_get", "only_b", "B");

    assertThat(members(A, "org_iso_get")).containsExactly("only_a:A");
    assertThat(members(b, "org_iso_get")).containsExactly("only_b:B");
    assertVeltSuccess(
        server.post(
            USERS_GET,
            json("{'organizationId': 'org_iso_get', 'userIds': ['only_a', 'only_b']}"),
            b),
        """
        {"result": {"status": "success", "message": "User(s) retrieved successfully.",
          "data": [{"userId": "only_b", "name": "B", "accessRole": "editor"}]}}
        """);
  }

  @Test
  void users_update_cannot_reach_the_other_workspaces_members() {
    addMember(A, "org_iso_upd", "a_member", "A name");
    addMember(b, "org_iso_upd", "b_member", "B name");

    assertVeltSuccess(
        update(b, "org_iso_upd", "a_member", "Hijacked"),
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {"a_member": {"success": false,
            "message": "not a member of organization 'org_iso_upd'; add it with /v2/users/add"}}}}
        """);
    assertVeltSuccess(
        update(A, "org_iso_upd", "b_member", "Hijacked"),
        """
        {"result": {"status": "success", "message": "User(s) processed successfully.",
          "data": {"b_member": {"success": false,
            "message": "not a member of organization 'org_iso_upd'; add it with /v2/users/add"}}}}
        """);

    assertThat(members(A, "org_iso_upd")).containsExactly("a_member:A name");
    assertThat(members(b, "org_iso_upd")).containsExactly("b_member:B name");
  }

  @Test
  void users_delete_cannot_remove_the_other_workspaces_members() {
    addMember(A, "org_iso_del", "a_member", "A");
    addMember(b, "org_iso_del", "b_member", "B");

    assertVeltSuccess(
        delete(b, "org_iso_del", "a_member"),
        """
        {"result": {"status": "success", "message": "User(s) deleted successfully.",
          "data": {"a_member": {"success": false,
                                "message": "not a member of organization 'org_iso_del'"}}}}
        """);
    assertVeltSuccess(
        delete(A, "org_iso_del", "b_member"),
        """
        {"result": {"status": "success", "message": "User(s) deleted successfully.",
          "data": {"b_member": {"success": false,
                                "message": "not a member of organization 'org_iso_del'"}}}}
        """);

    assertThat(members(A, "org_iso_del")).containsExactly("a_member:A");
    assertThat(members(b, "org_iso_del")).containsExactly("b_member:B");
  }

  @Test
  void permissions_add_stores_only_in_the_callers_workspace() {
    addGrant(A, "p_add", "org_iso_padd", "viewer");
    addGrant(b, "p_add", "org_iso_padd", "editor");

    assertThat(organizationGrant(A, "p_add", "org_iso_padd"))
        .isEqualTo("{\"org_iso_padd\":{\"accessRole\":\"viewer\"}}");
    assertThat(organizationGrant(b, "p_add", "org_iso_padd"))
        .isEqualTo("{\"org_iso_padd\":{\"accessRole\":\"editor\"}}");
  }

  @Test
  void permissions_get_shows_only_the_callers_grants() {
    addGrant(A, "p_get_a", "org_iso_pget", "viewer");
    addGrant(b, "p_get_b", "org_iso_pget", "viewer");

    String body = json("{'organizationId': 'org_iso_pget', 'userIds': ['p_get_a', 'p_get_b']}");
    assertVeltSuccess(
        server.post(PERMISSIONS_GET, body, b),
        """
        {"result": {"status": "success", "message": "User permissions retrieved successfully.",
          "data": {
            "p_get_a": {"organization": {}, "folders": {}, "documents": {}},
            "p_get_b": {"organization": {"org_iso_pget": {"accessRole": "viewer"}},
                        "folders": {}, "documents": {}}}}}
        """);
    assertVeltSuccess(
        server.post(PERMISSIONS_GET, body, A),
        """
        {"result": {"status": "success", "message": "User permissions retrieved successfully.",
          "data": {
            "p_get_a": {"organization": {"org_iso_pget": {"accessRole": "viewer"}},
                        "folders": {}, "documents": {}},
            "p_get_b": {"organization": {}, "folders": {}, "documents": {}}}}}
        """);
  }

  @Test
  void permissions_remove_cannot_remove_the_other_workspaces_grants() {
    addGrant(A, "p_rm_a", "org_iso_prm", "viewer");
    addGrant(b, "p_rm_b", "org_iso_prm", "viewer");

    assertVeltSuccess(
        remove(b, "p_rm_a", "org_iso_prm"),
        """
        {"result": {"status": "success", "message": "Permissions removed successfully.",
          "data": {"removed": 0}}}
        """);
    assertVeltSuccess(
        remove(A, "p_rm_b", "org_iso_prm"),
        """
        {"result": {"status": "success", "message": "Permissions removed successfully.",
          "data": {"removed": 0}}}
        """);

    assertThat(organizationGrant(A, "p_rm_a", "org_iso_prm"))
        .isEqualTo("{\"org_iso_prm\":{\"accessRole\":\"viewer\"}}");
    assertThat(organizationGrant(b, "p_rm_b", "org_iso_prm"))
        .isEqualTo("{\"org_iso_prm\":{\"accessRole\":\"viewer\"}}");
  }

  @Test
  void stored_grants_reach_only_tokens_minted_in_their_workspace() {
    addGrant(A, "p_tok", "org_iso_tok", "viewer");
    addMember(A, "org_iso_tok_m", "p_tok", "A");

    assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("p_tok"), b));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry("permissions", Map.of("resources", List.of()));
  }

  // ---------------------------------------------------------------- helpers

  private static Reply add(List<String> admin, String organizationId, String userId, String name) {
    return server.post(
        USERS_ADD,
        json(
            "{'organizationId': '%s', 'users': [{'userId': '%s', 'name': '%s'}]}"
                .formatted(organizationId, userId, name)),
        admin);
  }

  private static void addMember(
      List<String> admin, String organizationId, String userId, String name) {
    Reply reply = add(admin, organizationId, userId, name);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().get("result").get("data").get(userId).get("success").asBoolean())
        .as("%s", reply)
        .isTrue();
  }

  private static Reply update(
      List<String> admin, String organizationId, String userId, String name) {
    return server.post(
        USERS_UPDATE,
        json(
            "{'organizationId': '%s', 'users': [{'userId': '%s', 'name': '%s'}]}"
                .formatted(organizationId, userId, name)),
        admin);
  }

  private static Reply delete(List<String> admin, String organizationId, String userId) {
    return server.post(
        USERS_DELETE,
        json("{'organizationId': '%s', 'userIds': ['%s']}".formatted(organizationId, userId)),
        admin);
  }

  /** The organization's members as seen by {@code admin}, each as {@code userId:name}. */
  private static List<String> members(List<String> admin, String organizationId) {
    Reply reply =
        server.post(USERS_GET, json("{'organizationId': '%s'}".formatted(organizationId)), admin);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    List<String> members = new ArrayList<>();
    reply
        .json()
        .get("result")
        .get("data")
        .forEach(m -> members.add(m.get("userId").asText() + ":" + m.path("name").asText()));
    return members;
  }

  private static void addGrant(
      List<String> admin, String userId, String organizationId, String accessRole) {
    Reply reply =
        server.post(
            PERMISSIONS_ADD,
            json(
                "{'user': {'userId': '%s'}, 'permissions': {'resources': [{'type':"
                        .formatted(userId)
                    + " 'organization', 'id': '%s', 'accessRole': '%s'}]}}"
                        .formatted(organizationId, accessRole)),
            admin);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  private static Reply remove(List<String> admin, String userId, String organizationId) {
    return server.post(
        PERMISSIONS_REMOVE,
        json(
            "{'userId': '%s', 'permissions': {'resources': [{'type': 'organization', 'id':"
                    .formatted(userId)
                + " '%s'}]}}".formatted(organizationId)),
        admin);
  }

  /** The user's {@code organization} object from permissions/get, as compact JSON. */
  private static String organizationGrant(
      List<String> admin, String userId, String organizationId) {
    Reply reply =
        server.post(
            PERMISSIONS_GET,
            json("{'organizationId': '%s', 'userIds': ['%s']}".formatted(organizationId, userId)),
            admin);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json().get("result").get("data").get(userId).get("organization").toString();
  }
}
