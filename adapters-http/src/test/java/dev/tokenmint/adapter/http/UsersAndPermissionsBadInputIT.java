package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertClientError;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every users and permissions route with bad input: 400 {@code INVALID_ARGUMENT} in the Velt
 * envelope naming the field path, no internals, and nothing stored. The bodies are otherwise valid
 * and aimed at stored data (a member to update or delete, a grant to remove), so a route that acted
 * despite the problem would change the stores.
 */
class UsersAndPermissionsBadInputIT {

  private static final List<String> ALL_ROUTES =
      List.of(
          USERS_ADD,
          USERS_UPDATE,
          USERS_GET,
          USERS_DELETE,
          PERMISSIONS_ADD,
          PERMISSIONS_REMOVE,
          PERMISSIONS_GET);

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
    Reply member =
        server.post(
            USERS_ADD,
            json("{'organizationId': 'org_bad', 'users': [{'userId': 'member', 'name': 'Kept'}]}"),
            ADMIN);
    assertThat(member.status()).as("%s", member).isEqualTo(200);
    Reply grant =
        server.post(
            PERMISSIONS_ADD,
            json(
                "{'user': {'userId': 'pu'}, 'permissions': {'resources': ["
                    + "{'type': 'organization', 'id': 'o1'}]}}"),
            ADMIN);
    assertThat(grant.status()).as("%s", grant).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- every route

  static Stream<Arguments> malformedOnEveryRoute() {
    List<Arguments> cases = new ArrayList<>();
    for (String route : ALL_ROUTES) {
      cases.add(Arguments.of(route, "truncated", "{\"organizationId\":", "not valid JSON"));
      cases.add(Arguments.of(route, "trailing garbage", "{} x", "not valid JSON"));
      cases.add(Arguments.of(route, "array", "[]", "must be a JSON object"));
      cases.add(Arguments.of(route, "empty body", "", "request body is empty"));
      cases.add(Arguments.of(route, "data as string", "{\"data\": \"x\"}", "data: "));
      cases.add(
          Arguments.of(
              route,
              "duplicate key",
              "{\"organizationId\": \"a\", \"organizationId\": \"b\"}",
              "organizationId: appears more than once"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("malformedOnEveryRoute")
  void malformed_body_is_invalid_argument_on_every_route(
      String route, String name, String body, String fragment) {
    assertVeltFailure(rejected(route, body), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- users/add and users/update

  /** A body that would add {@code newbie} and rename {@code member} but for {@code change}. */
  private static String membership(String change) {
    return json(
        "{'organizationId': 'org_bad', 'users': [{'userId': 'member', 'name': 'Changed'},"
            + " {'userId': 'newbie'}]"
            + change
            + "}");
  }

  static Stream<Arguments> badMembership() {
    List<Arguments> cases = new ArrayList<>();
    for (String route : List.of(USERS_ADD, USERS_UPDATE)) {
      cases.addAll(
          List.of(
              Arguments.of(
                  route,
                  "organizationId absent",
                  json("{'users': [{'userId': 'newbie'}]}"),
                  "organizationId: is required"),
              Arguments.of(
                  route,
                  "organizationId empty",
                  json("{'organizationId': '', 'users': [{'userId': 'newbie'}]}"),
                  "organizationId: is required and must not be empty"),
              Arguments.of(
                  route,
                  "organizationId as number",
                  json("{'organizationId': 42, 'users': [{'userId': 'newbie'}]}"),
                  "organizationId: must be a string"),
              Arguments.of(
                  route,
                  "folderId and documentId both",
                  membership(", 'folderId': 'f1', 'documentId': 'd1'"),
                  "documentId: cannot be combined with folderId"),
              Arguments.of(
                  route,
                  "folderId empty",
                  membership(", 'folderId': ''"),
                  "folderId: is required and must not be empty"),
              Arguments.of(
                  route,
                  "folderId as boolean",
                  membership(", 'folderId': true"),
                  "folderId: must be a string"),
              Arguments.of(
                  route,
                  "users absent",
                  json("{'organizationId': 'org_bad'}"),
                  "users: is required"),
              Arguments.of(
                  route,
                  "users empty",
                  json("{'organizationId': 'org_bad', 'users': []}"),
                  "users: must hold 1 to 1000 users"),
              Arguments.of(
                  route,
                  "users as object",
                  json("{'organizationId': 'org_bad', 'users': {'userId': 'newbie'}}"),
                  "users: must be an array"),
              Arguments.of(
                  route,
                  "a user as string",
                  json("{'organizationId': 'org_bad', 'users': [{'userId': 'newbie'}, 'x']}"),
                  "users[1]: must be an object"),
              Arguments.of(
                  route,
                  "a user as null",
                  json("{'organizationId': 'org_bad', 'users': [{'userId': 'newbie'}, null]}"),
                  "users[1]: must be an object"),
              Arguments.of(
                  route,
                  "email as number",
                  json(
                      "{'organizationId': 'org_bad', 'users': [{'userId': 'newbie'},"
                          + " {'userId': 'u2', 'email': 42}]}"),
                  "users[1].email: must be a string"),
              Arguments.of(
                  route,
                  "accessRole as array",
                  json(
                      "{'organizationId': 'org_bad', 'users': [{'userId': 'newbie', 'accessRole':"
                          + " ['viewer']}]}"),
                  "users[0].accessRole: must be a string"),
              Arguments.of(
                  route,
                  "unknown top-level field",
                  membership(", 'createOrganization': true"),
                  "createOrganization: is not a known field; known fields: "
                      + "[documentId, folderId, organizationId, users]"),
              Arguments.of(
                  route,
                  "unknown user field",
                  json(
                      "{'organizationId': 'org_bad', 'users': [{'userId': 'newbie', 'photoUrl':"
                          + " 'x'}]}"),
                  "users[0].photoUrl: is not a known field; known fields: "
                      + "[accessRole, attributes, email, initial, name, userId]"),
              Arguments.of(
                  route,
                  "1001 users",
                  json("{'organizationId': 'org_bad', 'users': " + users(1001) + "}"),
                  "users: must hold 1 to 1000 users"),
              Arguments.of(
                  route,
                  "every request-level problem at once",
                  json(
                      "{'organizationId': '', 'users': [{'userId': 'newbie'}, null],"
                          + " 'folderId': 'f1', 'documentId': 'd1'}"),
                  "organizationId: is required and must not be empty")));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badMembership")
  void bad_membership_request_names_the_field_and_stores_nothing(
      String route, String name, String body, String fragment) {
    assertVeltFailure(rejected(route, body), 400, "INVALID_ARGUMENT", fragment);
  }

  @Test
  void request_level_problems_are_reported_together() {
    String body =
        json(
            "{'organizationId': '', 'users': [{'userId': 'newbie'}, null],"
                + " 'folderId': 'f1', 'documentId': 'd1'}");

    assertVeltFailure(
        rejected(USERS_ADD, body),
        400,
        "INVALID_ARGUMENT",
        "organizationId: is required and must not be empty",
        "documentId: cannot be combined with folderId",
        "users[1]: must be an object");
  }

  @Test
  void exactly_1000_users_is_not_a_request_level_problem() {
    Reply reply =
        server.post(
            USERS_UPDATE,
            json("{'organizationId': 'org_nobody', 'users': " + users(1000) + "}"),
            ADMIN);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().get("result").get("data").size()).isEqualTo(1000);
  }

  // ---------------------------------------------------------------- users/get

  static Stream<Arguments> badUsersQuery() {
    return Stream.of(
        Arguments.of(
            "organizationId absent", json("{'folderId': 'f1'}"), "organizationId: is required"),
        Arguments.of(
            "folderId and documentId both",
            json("{'organizationId': 'org_bad', 'folderId': 'f1', 'documentId': 'd1'}"),
            "documentId: cannot be combined with folderId"),
        Arguments.of(
            "userIds as string",
            json("{'organizationId': 'org_bad', 'userIds': 'member'}"),
            "userIds: must be an array"),
        Arguments.of(
            "a userId as number",
            json("{'organizationId': 'org_bad', 'userIds': ['member', 7]}"),
            "userIds[1]: must be a string"),
        Arguments.of(
            "a userId as null",
            json("{'organizationId': 'org_bad', 'userIds': ['member', null]}"),
            "userIds[1]: must be a string"),
        Arguments.of(
            "a userId empty",
            json("{'organizationId': 'org_bad', 'userIds': ['']}"),
            "userIds[0]: is required and must not be empty"),
        Arguments.of(
            "31 userIds",
            json("{'organizationId': 'org_bad', 'userIds': " + ids(31) + "}"),
            "userIds: may name at most 30 users, got 31"),
        Arguments.of(
            "pageSize as string",
            json("{'organizationId': 'org_bad', 'pageSize': '2'}"),
            "pageSize: must be an integer"),
        Arguments.of(
            "pageSize as fraction",
            json("{'organizationId': 'org_bad', 'pageSize': 1.5}"),
            "pageSize: must be an integer"),
        Arguments.of(
            "pageSize 0",
            json("{'organizationId': 'org_bad', 'pageSize': 0}"),
            "pageSize: must be from 1 to 1000, got 0"),
        Arguments.of(
            "pageSize 1001",
            json("{'organizationId': 'org_bad', 'pageSize': 1001}"),
            "pageSize: must be from 1 to 1000, got 1001"),
        Arguments.of(
            "pageSize beyond int",
            json("{'organizationId': 'org_bad', 'pageSize': 99999999999}"),
            "pageSize: is out of range"),
        Arguments.of(
            "pageToken not ours",
            json("{'organizationId': 'org_bad', 'pageToken': 'garbage!'}"),
            "pageToken: is not a nextPageToken this API returned"),
        Arguments.of(
            "pageToken as number",
            json("{'organizationId': 'org_bad', 'pageToken': 5}"),
            "pageToken: must be a string"),
        Arguments.of(
            "unknown field",
            json("{'organizationId': 'org_bad', 'groupByDocumentId': true}"),
            "groupByDocumentId: is not a known field; known fields: "
                + "[documentId, folderId, organizationId, pageSize, pageToken, userIds]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badUsersQuery")
  void bad_users_query_names_the_field(String name, String body, String fragment) {
    assertVeltFailure(rejected(USERS_GET, wrapped(body)), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- users/delete

  static Stream<Arguments> badDelete() {
    return Stream.of(
        Arguments.of(
            "organizationId absent",
            json("{'userIds': ['member']}"),
            "organizationId: is required"),
        Arguments.of(
            "folderId and documentId both",
            json(
                "{'organizationId': 'org_bad', 'folderId': 'f1', 'documentId': 'd1',"
                    + " 'userIds': ['member']}"),
            "documentId: cannot be combined with folderId"),
        Arguments.of(
            "userIds absent", json("{'organizationId': 'org_bad'}"), "userIds: is required"),
        Arguments.of(
            "userIds empty",
            json("{'organizationId': 'org_bad', 'userIds': []}"),
            "userIds: must hold 1 to 1000 user ids"),
        Arguments.of(
            "userIds as string",
            json("{'organizationId': 'org_bad', 'userIds': 'member'}"),
            "userIds: must be an array"),
        Arguments.of(
            "a userId as number",
            json("{'organizationId': 'org_bad', 'userIds': ['member', 7]}"),
            "userIds[1]: must be a string"),
        Arguments.of(
            "a userId as null",
            json("{'organizationId': 'org_bad', 'userIds': ['member', null]}"),
            "userIds[1]: must be a string"),
        Arguments.of(
            "users instead of userIds",
            json("{'organizationId': 'org_bad', 'userIds': ['member'], 'users': []}"),
            "users: is not a known field; known fields: "
                + "[documentId, folderId, organizationId, userIds]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDelete")
  void bad_delete_names_the_field_and_removes_nothing(String name, String body, String fragment) {
    assertVeltFailure(rejected(USERS_DELETE, body), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- permissions/add

  /** A permissions/add body for {@code pu} whose second grant is {@code resource}. */
  private static String secondGrant(String resource) {
    return json(
        "{'user': {'userId': 'pu'}, 'permissions': {'resources': ["
            + "{'type': 'organization', 'id': 'o2'}, "
            + resource
            + "]}}");
  }

  static Stream<Arguments> badAdd() {
    return Stream.of(
        Arguments.of(
            "user absent",
            json("{'permissions': {'resources': [{'type': 'organization', 'id': 'o2'}]}}"),
            "user: is required"),
        Arguments.of(
            "user as string",
            json("{'user': 'pu', 'permissions': {'resources': []}}"),
            "user: must be an object"),
        Arguments.of(
            "user.userId absent",
            json(
                "{'user': {}, 'permissions': {'resources': [{'type': 'organization', 'id':"
                    + " 'o2'}]}}"),
            "user.userId: is required"),
        Arguments.of(
            "user.userId empty",
            json(
                "{'user': {'userId': ''}, 'permissions': {'resources': [{'type': 'organization',"
                    + " 'id': 'o2'}]}}"),
            "user.userId: is required and must not be empty"),
        Arguments.of(
            "top-level userId (the remove shape)",
            json(
                "{'userId': 'pu', 'permissions': {'resources': [{'type': 'organization', 'id':"
                    + " 'o2'}]}}"),
            "userId: is not a known field; known fields: [permissions, user]"),
        Arguments.of(
            "unknown field in user",
            json(
                "{'user': {'userId': 'pu', 'name': 'P'}, 'permissions': {'resources': [{'type':"
                    + " 'organization', 'id': 'o2'}]}}"),
            "user.name: is not a known field; known fields: [userId]"),
        Arguments.of(
            "permissions absent", json("{'user': {'userId': 'pu'}}"), "permissions: is required"),
        Arguments.of(
            "resources absent",
            json("{'user': {'userId': 'pu'}, 'permissions': {}}"),
            "permissions.resources: is required"),
        Arguments.of(
            "resources empty",
            json("{'user': {'userId': 'pu'}, 'permissions': {'resources': []}}"),
            "permissions.resources: must name at least one resource"),
        Arguments.of(
            "resources as object",
            json("{'user': {'userId': 'pu'}, 'permissions': {'resources': {}}}"),
            "permissions.resources: must be an array"),
        Arguments.of(
            "a resource as null",
            secondGrant("null"),
            "permissions.resources[1]: must be an object"),
        Arguments.of(
            "folder without organizationId",
            secondGrant("{'type': 'folder', 'id': 'f1'}"),
            "permissions.resources[1].organizationId: is required when type is 'folder'"),
        Arguments.of(
            "accessRole owner",
            secondGrant("{'type': 'organization', 'id': 'o3', 'accessRole': 'owner'}"),
            "permissions.resources[1].accessRole: must be one of [viewer, editor], got 'owner'"),
        Arguments.of(
            "type team",
            secondGrant("{'type': 'team', 'id': 't1'}"),
            "permissions.resources[1].type: must be one of [organization, folder, document]"),
        Arguments.of(
            "expiresAt as string",
            secondGrant("{'type': 'organization', 'id': 'o3', 'expiresAt': '12'}"),
            "permissions.resources[1].expiresAt: must be an integer"),
        Arguments.of(
            "expiresAt 0",
            secondGrant("{'type': 'organization', 'id': 'o3', 'expiresAt': 0}"),
            "permissions.resources[1].expiresAt: must be Unix seconds"),
        Arguments.of(
            "acessRole typo",
            secondGrant("{'type': 'organization', 'id': 'o3', 'acessRole': 'viewer'}"),
            "permissions.resources[1].acessRole: is not a known field; known fields: "
                + "[accessRole, expiresAt, id, organizationId, type]"),
        Arguments.of(
            "the same resource twice",
            secondGrant("{'type': 'organization', 'id': 'o2', 'accessRole': 'viewer'}"),
            "permissions.resources[1]: names the same resource as [0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAdd")
  void bad_permissions_add_names_the_field_and_stores_nothing(
      String name, String body, String fragment) {
    assertVeltFailure(rejected(PERMISSIONS_ADD, body), 400, "INVALID_ARGUMENT", fragment);
  }

  @Test
  void every_problem_of_a_permissions_add_is_reported_at_once() {
    String body =
        json(
            "{'user': {'userId': ''}, 'permissions': {'resources': ["
                + "{'type': 'folder', 'id': 'f1'}, {'type': 'organization', 'id': 'o2',"
                + " 'accessRole': 'admin'}]}}");

    assertVeltFailure(
        rejected(PERMISSIONS_ADD, body),
        400,
        "INVALID_ARGUMENT",
        "user.userId: is required and must not be empty",
        "permissions.resources[0].organizationId: is required when type is 'folder'",
        "permissions.resources[1].accessRole: must be one of [viewer, editor], got 'admin'");
  }

  // ---------------------------------------------------------------- permissions/remove

  /**
   * A permissions/remove body for {@code pu}'s stored grant on {@code o1}, then {@code resource}.
   */
  private static String removing(String resource) {
    return json(
        "{'userId': 'pu', 'permissions': {'resources': ["
            + "{'type': 'organization', 'id': 'o1'}, "
            + resource
            + "]}}");
  }

  static Stream<Arguments> badRemove() {
    return Stream.of(
        Arguments.of(
            "userId absent",
            json("{'permissions': {'resources': [{'type': 'organization', 'id': 'o1'}]}}"),
            "userId: is required"),
        Arguments.of(
            "userId empty",
            json(
                "{'userId': '', 'permissions': {'resources': [{'type': 'organization', 'id':"
                    + " 'o1'}]}}"),
            "userId: is required and must not be empty"),
        Arguments.of(
            "nested user (the add shape)",
            json(
                "{'user': {'userId': 'pu'}, 'permissions': {'resources': [{'type':"
                    + " 'organization', 'id': 'o1'}]}}"),
            "user: is not a known field; known fields: [permissions, userId]"),
        Arguments.of(
            "resources empty",
            json("{'userId': 'pu', 'permissions': {'resources': []}}"),
            "permissions.resources: must name at least one resource"),
        Arguments.of(
            "a resource as null", removing("null"), "permissions.resources[1]: must be an object"),
        Arguments.of(
            "accessRole on a resource",
            removing("{'type': 'organization', 'id': 'o3', 'accessRole': 'viewer'}"),
            "permissions.resources[1].accessRole: is not a known field; known fields: "
                + "[id, organizationId, type]"),
        Arguments.of(
            "expiresAt on a resource",
            removing("{'type': 'organization', 'id': 'o3', 'expiresAt': 1900000000}"),
            "permissions.resources[1].expiresAt: is not a known field"),
        Arguments.of(
            "type team",
            removing("{'type': 'team', 'id': 't1'}"),
            "permissions.resources[1].type: must be one of [organization, folder, document],"
                + " got 'team'"),
        Arguments.of(
            "document without organizationId",
            removing("{'type': 'document', 'id': 'd1'}"),
            "permissions.resources[1].organizationId: is required when type is 'document'"),
        Arguments.of(
            "id as number",
            removing("{'type': 'organization', 'id': 3}"),
            "permissions.resources[1].id: must be a string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRemove")
  void bad_permissions_remove_names_the_field_and_removes_nothing(
      String name, String body, String fragment) {
    assertVeltFailure(rejected(PERMISSIONS_REMOVE, body), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- permissions/get

  static Stream<Arguments> badPermissionsQuery() {
    return Stream.of(
        Arguments.of(
            "organizationId absent", json("{'userIds': ['pu']}"), "organizationId: is required"),
        Arguments.of(
            "organizationId empty",
            json("{'organizationId': '', 'userIds': ['pu']}"),
            "organizationId: is required and must not be empty"),
        Arguments.of("userIds absent", json("{'organizationId': 'o1'}"), "userIds: is required"),
        Arguments.of(
            "userIds empty",
            json("{'organizationId': 'o1', 'userIds': []}"),
            "userIds: must name at least one user"),
        Arguments.of(
            "31 userIds",
            json("{'organizationId': 'o1', 'userIds': " + ids(31) + "}"),
            "userIds: may name at most 30 users, got 31"),
        Arguments.of(
            "a userId as null",
            json("{'organizationId': 'o1', 'userIds': ['pu', null]}"),
            "userIds[1]: must be a string"),
        Arguments.of(
            "a documentId empty",
            json("{'organizationId': 'o1', 'userIds': ['pu'], 'documentIds': ['']}"),
            "documentIds[0]: is required and must not be empty"),
        Arguments.of(
            "a folderId as null",
            json("{'organizationId': 'o1', 'userIds': ['pu'], 'folderIds': [null]}"),
            "folderIds[0]: must be a string"),
        Arguments.of(
            "folderIds as string",
            json("{'organizationId': 'o1', 'userIds': ['pu'], 'folderIds': 'f1'}"),
            "folderIds: must be an array"),
        Arguments.of(
            "folderId instead of folderIds",
            json("{'organizationId': 'o1', 'userIds': ['pu'], 'folderId': 'f1'}"),
            "folderId: is not a known field; known fields: "
                + "[documentIds, folderIds, organizationId, userIds]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPermissionsQuery")
  void bad_permissions_query_names_the_field(String name, String body, String fragment) {
    assertVeltFailure(rejected(PERMISSIONS_GET, wrapped(body)), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Posts {@code body} as the admin and asserts what holds for every bad request: a 4xx, no
   * internals in the body, and the stores exactly as before.
   */
  private static Reply rejected(String route, String body) {
    TestServer.Stored before = server.stored();
    Reply reply = server.post(route, body, ADMIN);
    assertClientError(reply);
    server.assertNothingStoredSince(before);
    return reply;
  }

  /** A JSON array of {@code count} user objects with distinct ids. */
  private static String users(int count) {
    StringBuilder users = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      users.append(i == 0 ? "" : ",").append("{'userId': 'u").append(i).append("'}");
    }
    return users.append(']').toString();
  }

  /** A JSON array of {@code count} distinct user ids. */
  private static String ids(int count) {
    StringBuilder ids = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      ids.append(i == 0 ? "" : ",").append("'id").append(i).append("'");
    }
    return ids.append(']').toString();
  }
}
