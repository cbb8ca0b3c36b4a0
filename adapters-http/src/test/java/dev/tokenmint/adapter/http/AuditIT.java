package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccessInOrder;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.KEYS_ROTATE;
import static dev.tokenmint.adapter.http.TestServer.PERMISSIONS_ADD;
import static dev.tokenmint.adapter.http.TestServer.REVOKE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.USERS_ADD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.application.fixture.TestApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/audit/get}: the changes made over HTTP listed newest first with who, what and on
 * what; filters, pages, bad input, the admin role, and one workspace never seeing another's. Each
 * test works in a workspace of its own.
 */
class AuditIT {

  static final String AUDIT_GET = "/v2/audit/get";

  private static final long NOW = TestApplication.NOW.getEpochSecond();

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A workspace of its own: its admin's headers and credential id. */
  private record Admin(List<String> headers, String apiKey, String credentialId) {}

  private static Admin newWorkspace(String name) {
    List<String> headers = server.otherWorkspaceAdmin(name);
    String apiKey = headers.get(1);
    String credentialId = server.app.workspaceService.credentials(apiKey).get(0).id();
    return new Admin(headers, apiKey, credentialId);
  }

  private static JsonNode events(String body, List<String> headers) {
    Reply reply = server.post(AUDIT_GET, body, headers);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json().get("result");
  }

  private static List<String> kinds(JsonNode result) {
    List<String> kinds = new ArrayList<>();
    result.get("data").forEach(event -> kinds.add(event.get("kind").asText()));
    return kinds;
  }

  private static List<String> targets(JsonNode result) {
    List<String> targets = new ArrayList<>();
    result.get("data").forEach(event -> targets.add(event.get("target").asText()));
    return targets;
  }

  private static void addUser(Admin admin, String userId) {
    addUser(admin, userId, "rid-" + userId);
  }

  private static void addUser(Admin admin, String userId, String requestId) {
    Reply added =
        server.post(
            USERS_ADD,
            wrapped(
                json(
                    "{'organizationId': 'org_1', 'users': [{'userId': '"
                        + userId
                        + "', 'accessRole': 'viewer'}]}")),
            identified(admin, requestId));
    assertThat(added.status()).as("%s", added).isEqualTo(200);
  }

  @Test
  void changes_made_over_http_are_listed_newest_first_saying_who_did_what_to_what() {
    Admin admin = newWorkspace("audit-listed");
    addUser(admin, "alice", "rid-user");
    server.post(
        PERMISSIONS_ADD,
        wrapped(
            json(
                "{'user': {'userId': 'alice'}, 'permissions': {'resources': [{'type': 'document', 'id': 'd1',"
                    + " 'organizationId': 'org_1', 'accessRole': 'editor'}]}}")),
        identified(admin, "rid-grants"));
    String kid =
        server
            .post(KEYS_ROTATE, "{}", identified(admin, "rid-rotate"))
            .json()
            .get("result")
            .get("data")
            .get("kid")
            .asText();
    server.post(
        GENERATE_TOKEN, wrapped(json("{'userId': 'alice'}")), identified(admin, "rid-mint"));
    String jti = server.app.signer.last().claims().asMap().get("jti").toString();
    server.post(REVOKE_TOKEN, json("{'jti': '" + jti + "'}"), identified(admin, "rid-revoke"));
    String actor = admin.credentialId();
    long until = TestApplication.NOW.plus(TestApplication.OVERLAP).getEpochSecond();

    assertVeltSuccessInOrder(
        server.post(AUDIT_GET, "{}", admin.headers()),
        json(
            "{'result': {'status': 'success', 'message': 'Audit events retrieved successfully.', 'data': ["
                + "{'at': "
                + NOW
                + ", 'kind': 'token.revoked', 'actor': '"
                + actor
                + "', 'target': '"
                + jti
                + "', 'jti': '"
                + jti
                + "', 'detail': 'until "
                + java.time.Instant.ofEpochSecond(until)
                + "', 'requestId': 'rid-revoke'},"
                + "{'at': "
                + NOW
                + ", 'kind': 'token.minted', 'actor': '"
                + actor
                + "', 'target': '"
                + jti
                + "', 'userId': 'alice', 'jti': '"
                + jti
                + "', 'detail': 'velt token, 2 grants', 'requestId': 'rid-mint'},"
                + "{'at': "
                + NOW
                + ", 'kind': 'key.rotated', 'actor': '"
                + actor
                + "', 'target': '"
                + kid
                + "', 'detail': 'ES256, replacing "
                + previousKid(admin, kid)
                + "', 'requestId': 'rid-rotate'},"
                + "{'at': "
                + NOW
                + ", 'kind': 'grants.added', 'actor': '"
                + actor
                + "', 'target': 'alice',"
                + " 'userId': 'alice', 'detail': '1 grant: document \\u0027d1\\u0027 of organization \\u0027org_1\\u0027 editor', 'requestId': 'rid-grants'},"
                + "{'at': "
                + NOW
                + ", 'kind': 'user.added', 'actor': '"
                + actor
                + "', 'target': 'alice',"
                + " 'userId': 'alice', 'detail': 'organization \\u0027org_1\\u0027 as viewer', 'requestId': 'rid-user'},"
                + "{'at': "
                + NOW
                + ", 'kind': 'credential.created', 'actor': 'cli', 'target': '"
                + actor
                + "', 'detail': 'admin'},"
                + "{'at': "
                + NOW
                + ", 'kind': 'workspace.created', 'actor': 'cli', 'target': '"
                + admin.apiKey()
                + "', 'detail': '\\u0027audit-listed\\u0027, key "
                + previousKid(admin, kid)
                + " (ES256)'}"
                + "]}}"));
  }

  /** {@code admin}'s headers with the request id {@code requestId}, which its events must name. */
  private static List<String> identified(Admin admin, String requestId) {
    List<String> headers = new java.util.ArrayList<>(admin.headers());
    headers.add("X-Request-Id");
    headers.add(requestId);
    return headers;
  }

  /** The key that signed before {@code kid}. */
  private static String previousKid(Admin admin, String kid) {
    JsonNode keys =
        server
            .post(TestServer.KEYS_GET, "{}", admin.headers())
            .json()
            .get("result")
            .get("data")
            .get("keys");
    assertThat(keys.get(0).get("kid").asText()).isEqualTo(kid);
    return keys.get(1).get("kid").asText();
  }

  @Test
  void kind_user_jti_since_and_until_narrow_the_list_wrapped_or_not() {
    Admin admin = newWorkspace("audit-filtered");
    addUser(admin, "alice");
    addUser(admin, "bob");
    server.post(GENERATE_TOKEN, wrapped(json("{'userId': 'bob'}")), admin.headers());
    String jti = server.app.signer.last().claims().asMap().get("jti").toString();

    assertThat(targets(events(json("{'kind': 'user.added'}"), admin.headers())))
        .containsExactly("bob", "alice");
    assertThat(kinds(events(wrapped(json("{'userId': 'bob'}")), admin.headers())))
        .containsExactly("token.minted", "user.added");
    assertThat(kinds(events(json("{'jti': '" + jti + "'}"), admin.headers())))
        .containsExactly("token.minted");
    assertThat(
            kinds(
                events(
                    "{\"since\": " + NOW + ", \"until\": " + (NOW + 1) + ", \"userId\": \"alice\"}",
                    admin.headers())))
        .as("since included")
        .containsExactly("user.added");
    assertThat(events("{\"until\": " + NOW + "}", admin.headers()).get("data"))
        .as("until excluded")
        .isEmpty();
    assertThat(kinds(events("", admin.headers())))
        .as("no body: the newest of every kind")
        .containsExactly(
            "token.minted", "user.added", "user.added", "credential.created", "workspace.created");
  }

  @Test
  void pages_follow_next_page_tokens_to_the_end_and_the_last_has_none() {
    Admin admin = newWorkspace("audit-paged");
    for (int i = 0; i < 5; i++) {
      addUser(admin, "u" + i);
    }

    List<String> listed = new ArrayList<>();
    JsonNode page = events(json("{'kind': 'user.added', 'pageSize': 2}"), admin.headers());
    int pages = 1;
    listed.addAll(targets(page));
    while (page.has("nextPageToken")) {
      page =
          events(
              json(
                  "{'kind': 'user.added', 'pageSize': 2, 'pageToken': '"
                      + page.get("nextPageToken").asText()
                      + "'}"),
              admin.headers());
      listed.addAll(targets(page));
      pages++;
    }

    assertThat(listed).containsExactly("u4", "u3", "u2", "u1", "u0");
    assertThat(pages).isEqualTo(3);
    assertThat(targets(events(json("{'kind': 'user.added', 'pageToken': ''}"), admin.headers())))
        .as("an empty token: the first page")
        .hasSize(5);
  }

  @Test
  void bad_input_is_invalid_argument_naming_the_field() {
    Admin admin = newWorkspace("audit-bad");
    String token = events(json("{'pageSize': 1}"), admin.headers()).get("nextPageToken").asText();

    assertVeltFailure(
        server.post(AUDIT_GET, json("{'pageSize': 1001}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "pageSize: must be from 1 to 1000, got 1001");
    assertVeltFailure(
        server.post(AUDIT_GET, json("{'pageSize': 0}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "pageSize: must be from 1 to 1000, got 0");
    assertVeltFailure(
        server.post(AUDIT_GET, json("{'kind': 'user.renamed'}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "kind: must be one of [token.minted, token.exchanged, token.revoked, workspace.created, credential.created,"
            + " credential.revoked, key.rotated, algorithms.changed, user.added, user.updated,"
            + " user.deleted, grants.added, grants.removed], got 'user.renamed'");
    for (String garbage : List.of("garbage!", "YXVkaXQ", token + "x")) {
      assertVeltFailure(
          server.post(
              AUDIT_GET, json("{'pageSize': 1, 'pageToken': '" + garbage + "'}"), admin.headers()),
          400,
          "INVALID_ARGUMENT",
          "pageToken: is not a nextPageToken this API returned for these filters");
    }
    assertVeltFailure(
        server.post(
            AUDIT_GET,
            json("{'pageSize': 1, 'kind': 'user.added', 'pageToken': '" + token + "'}"),
            admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "pageToken: ");
    assertVeltFailure(
        server.post(AUDIT_GET, json("{'since': 'yesterday'}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "since");
    assertVeltFailure(
        server.post(AUDIT_GET, json("{'since': 20, 'until': 10}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "until: must be later than since");
    assertVeltFailure(
        server.post(AUDIT_GET, json("{'since': -1}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "since: must be Unix seconds in [0, 253402300800), got -1");
    assertVeltFailure(
        server.post(AUDIT_GET, json("{'userId': ''}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "userId: ");
    assertVeltFailure(
        server.post(AUDIT_GET, json("{'user': 'alice'}"), admin.headers()),
        400,
        "INVALID_ARGUMENT",
        "user");
  }

  @Test
  void an_issuer_credential_may_not_read_the_audit() {
    assertVeltFailure(
        server.post(AUDIT_GET, "{}", ISSUER), 403, "PERMISSION_DENIED", "'admin' role");
  }

  @Test
  void a_workspace_never_sees_another_workspaces_events_nor_continues_its_pages() {
    Admin ours = newWorkspace("audit-ours");
    Admin theirs = newWorkspace("audit-theirs");
    addUser(ours, "ours");
    addUser(theirs, "theirs");
    String ourToken = events(json("{'pageSize': 1}"), ours.headers()).get("nextPageToken").asText();

    assertThat(targets(events(json("{'kind': 'user.added'}"), ours.headers())))
        .containsExactly("ours");
    assertThat(events(json("{'userId': 'theirs'}"), ours.headers()).get("data")).isEmpty();
    assertThat(events("{}", ADMIN).toString()).doesNotContain("ours").doesNotContain("theirs");
    assertVeltFailure(
        server.post(
            AUDIT_GET, json("{'pageSize': 1, 'pageToken': '" + ourToken + "'}"), theirs.headers()),
        400,
        "INVALID_ARGUMENT",
        "pageToken: ");
  }

  @Test
  void with_the_audit_log_full_a_change_answers_503_and_is_not_made() {
    try (TestServer full = TestServer.start(TestApplication.standard())) {
      full.app.auditLog.fill();

      assertVeltFailure(
          full.post(
              USERS_ADD,
              wrapped(json("{'organizationId': 'org_1', 'users': [{'userId': 'u1'}]}")),
              ADMIN),
          503,
          "UNAVAILABLE",
          "the audit log is full");
      assertVeltFailure(
          full.post(KEYS_ROTATE, "{}", ADMIN), 503, "UNAVAILABLE", "the audit log is full");

      assertThat(full.app.grants.grantsOf(full.app.defaultWorkspace.id(), "u1").asList()).isEmpty();
      assertThat(full.app.keyRing.keys(full.app.defaultWorkspace.id())).hasSize(1);
    }
  }
}
