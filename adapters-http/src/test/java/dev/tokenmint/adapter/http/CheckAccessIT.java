package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccessInOrder;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.CHECK_ACCESS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.REVOKE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.RecordingTokenSigner;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import java.util.LinkedHashMap;
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
 * {@code POST /v2/auth/check_access}: the access rule ({@code AccessPolicy}) through HTTP. The most
 * specific unexpired grant decides (document, then folder, then organization); no grant, no access.
 * The clock stands at 2026-01-01, so {@link #PAST} has passed and {@link #FUTURE} has not.
 */
class CheckAccessIT {

  /** 2022-01-01, before the test clock. */
  private static final long PAST = 1_640_995_200L;

  /** 2030-01-01, after the test clock. */
  private static final long FUTURE = 1_893_456_000L;

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- the access rule

  @Test
  void document_viewer_grant_overrides_organization_editor_grant() {
    String token =
        mint(
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}",
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'viewer'}");

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        allowed(
            "viewer",
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'viewer'}",
            "null"));
  }

  @Test
  void document_editor_grant_overrides_organization_viewer_grant() {
    String token =
        mint(
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer'}",
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'editor'}");

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        allowed(
            "editor",
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'editor'}",
            "null"));
  }

  @Test
  void expired_document_grant_falls_back_to_the_organization_grant_and_its_expiry() {
    String token =
        mint(
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer', 'expiresAt': "
                + FUTURE
                + "}",
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'editor',"
                + " 'expiresAt': "
                + PAST
                + "}");

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        allowed(
            "viewer",
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer', 'expiresAt': "
                + FUTURE
                + "}",
            Long.toString(FUTURE)));
  }

  @Test
  void unexpired_document_grant_answers_its_own_expiry() {
    String token =
        mint(
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}",
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'viewer',"
                + " 'expiresAt': "
                + FUTURE
                + "}");

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        allowed(
            "viewer",
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'viewer',"
                + " 'expiresAt': "
                + FUTURE
                + "}",
            Long.toString(FUTURE)));
  }

  @Test
  void folder_grant_decides_for_a_document_named_with_its_folder_id() {
    String token =
        mint(
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}",
            "{'type': 'folder', 'id': 'f1', 'organizationId': 'org1', 'accessRole': 'viewer'}");
    String withFolder =
        json("{'token': '%s', 'type': 'document', 'id': 'd9', 'organizationId': 'org1',"
                + " 'folderId': 'f1'}")
            .formatted(token);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, withFolder, ISSUER),
        allowed(
            "viewer",
            "{'type': 'folder', 'id': 'f1', 'organizationId': 'org1', 'accessRole': 'viewer'}",
            "null"));
  }

  @Test
  void without_folder_id_the_folder_grant_is_not_consulted() {
    String token =
        mint(
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}",
            "{'type': 'folder', 'id': 'f1', 'organizationId': 'org1', 'accessRole': 'viewer'}");

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d9", "org1"), ISSUER),
        allowed(
            "editor", "{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}", "null"));
  }

  @Test
  void folder_itself_is_decided_by_its_own_grant() {
    String token =
        mint(
            "{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer'}",
            "{'type': 'folder', 'id': 'f1', 'organizationId': 'org1', 'accessRole': 'editor'}");
    String folder =
        json("{'token': '%s', 'type': 'folder', 'id': 'f1', 'organizationId': 'org1'}")
            .formatted(token);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, folder, ISSUER),
        allowed(
            "editor",
            "{'type': 'folder', 'id': 'f1', 'organizationId': 'org1', 'accessRole': 'editor'}",
            "null"));
  }

  @Test
  void organization_is_decided_by_its_grant_in_a_wrapped_body() {
    String token = mint("{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer'}");
    String organization =
        wrapped(json("{'token': '%s', 'type': 'organization', 'id': 'org1'}").formatted(token));

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, organization, ADMIN),
        allowed(
            "viewer", "{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer'}", "null"));
  }

  @Test
  void no_grant_means_none() {
    String token = mint("{'type': 'organization', 'id': 'org_other', 'accessRole': 'editor'}");

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        none(true, "no_grant", "no grant on document 'd1', organization 'org1'"));
  }

  @Test
  void only_expired_grants_mean_none_and_say_so() {
    String token =
        mint(
            "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'editor',"
                + " 'expiresAt': "
                + PAST
                + "}");

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        none(
            true,
            "no_grant",
            "every grant that applies has expired: [document 'd1' expired at " + PAST + "]"));
  }

  @Test
  void token_without_grants_means_none() {
    String token = assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest("ca-empty"), ISSUER));

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        none(true, "no_grant", "no grant on document 'd1', organization 'org1'"));
  }

  // ---------------------------------------------------------------- invalid tokens

  @Test
  void malformed_token_means_none_with_the_verification_reason() {
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document("not-a-token", "d1", "org1"), ISSUER),
        none(false, "malformed", "not a token this test signed"));
  }

  @Test
  void revoked_token_means_none_even_with_a_matching_grant() {
    String token = mint("{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}");
    String jti = (String) server.app.signer.last().claims().get("jti").orElseThrow();
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        allowed(
            "editor", "{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}", "null"));

    Reply revoked = server.post(REVOKE_TOKEN, "{\"jti\": \"" + jti + "\"}", ADMIN);
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        none(false, "revoked", "token " + jti + " was revoked"));
  }

  @Test
  void token_naming_an_audience_means_none_as_check_access_expects_none() {
    mint("{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}");
    RecordingTokenSigner.Signed minted = server.app.signer.last();
    Map<String, Object> claims = new LinkedHashMap<>(minted.claims().asMap());
    claims.put("aud", "https://api.example");
    SigningKey key = server.app.keyRing.activeKey(server.app.defaultWorkspace.id()).orElseThrow();
    String token = server.app.signer.sign(minted.header(), new TokenClaims(claims), key);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        none(
            false,
            "wrong_audience",
            "the token is meant for an audience and none is expected; name it to accept the token"));
  }

  @Test
  void anonymous_caller_is_unauthenticated() {
    String token = mint("{'type': 'organization', 'id': 'org1'}");

    assertVeltFailure(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ANONYMOUS),
        401,
        "UNAUTHENTICATED",
        "missing credentials");
  }

  // ---------------------------------------------------------------- workspaces

  @Test
  void token_of_another_workspace_is_refused_here_and_reveals_none_of_its_grants() {
    List<String> b = server.otherWorkspaceAdmin("ca-iso-b-token");
    String grant =
        "{'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'accessRole': 'editor'}";
    String token = mintIn(b, grant);
    String kidOfB = server.app.signer.last().kid();

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        none(false, "unknown_key", "kid " + kidOfB + " does not verify"));
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ADMIN),
        none(false, "unknown_key", "kid " + kidOfB + " does not verify"));
    // The token itself is sound: its own workspace is answered with its grant.
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), b),
        allowed("editor", grant, "null"));
  }

  @Test
  void token_of_this_workspace_is_refused_by_another_workspaces_credential() {
    List<String> b = server.otherWorkspaceAdmin("ca-iso-a-token");
    String grant = "{'type': 'organization', 'id': 'org1', 'accessRole': 'viewer'}";
    String token = mint(grant);
    String kidOfA = server.app.signer.last().kid();

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), b),
        none(false, "unknown_key", "kid " + kidOfA + " does not verify"));
    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        allowed("viewer", grant, "null"));
  }

  @Test
  void revoking_a_jti_in_another_workspace_leaves_access_here_unchanged() {
    List<String> b = server.otherWorkspaceAdmin("ca-iso-revoke");
    String grant = "{'type': 'organization', 'id': 'org1', 'accessRole': 'editor'}";
    String token = mint(grant);
    String jti = (String) server.app.signer.last().claims().get("jti").orElseThrow();

    Reply revokedInB = server.post(REVOKE_TOKEN, "{\"jti\": \"" + jti + "\"}", b);
    assertThat(revokedInB.status()).as("%s", revokedInB).isEqualTo(200);

    assertVeltSuccessInOrder(
        server.post(CHECK_ACCESS, document(token, "d1", "org1"), ISSUER),
        allowed("editor", grant, "null"));
  }

  // ---------------------------------------------------------------- bad resources

  static Stream<Arguments> badResources() {
    return Stream.of(
        Arguments.of(
            "unknown type",
            "'type': 'doc', 'id': 'd1', 'organizationId': 'org1'",
            new String[] {"type: must be one of [organization, folder, document], got 'doc'"}),
        Arguments.of(
            "type missing",
            "'id': 'd1', 'organizationId': 'org1'",
            new String[] {"type: is required; allowed values: [organization, folder, document]"}),
        Arguments.of(
            "uppercase type",
            "'type': 'Document', 'id': 'd1', 'organizationId': 'org1'",
            new String[] {"type: must be one of"}),
        Arguments.of(
            "folder without organizationId",
            "'type': 'folder', 'id': 'f1'",
            new String[] {"organizationId: is required when type is 'folder'"}),
        Arguments.of(
            "document without organizationId",
            "'type': 'document', 'id': 'd1'",
            new String[] {"organizationId: is required when type is 'document'"}),
        Arguments.of(
            "id missing",
            "'type': 'organization'",
            new String[] {"id: is required and must not be empty"}),
        Arguments.of(
            "empty id",
            "'type': 'document', 'id': '', 'organizationId': 'org1'",
            new String[] {"id: is required and must not be empty"}),
        Arguments.of(
            "organization with another organizationId",
            "'type': 'organization', 'id': 'org1', 'organizationId': 'org2'",
            new String[] {"organizationId: must be omitted or equal to id for an organization"}),
        Arguments.of(
            "folderId on a folder",
            "'type': 'folder', 'id': 'f1', 'organizationId': 'org1', 'folderId': 'f0'",
            new String[] {"folderId: is only meaningful for a document"}),
        Arguments.of(
            "folderId on an organization",
            "'type': 'organization', 'id': 'org1', 'folderId': 'f0'",
            new String[] {"folderId: is only meaningful for a document"}),
        Arguments.of(
            "empty folderId",
            "'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'folderId': ''",
            new String[] {"folderId: is required and must not be empty"}),
        Arguments.of(
            "every problem at once",
            "'type': 'doc', 'id': '', 'folderId': ''",
            new String[] {
              "type: must be one of",
              "id: is required and must not be empty",
              "folderId: is required"
            }),
        Arguments.of(
            "organizationId not a string",
            "'type': 'document', 'id': 'd1', 'organizationId': 7",
            new String[] {"organizationId: must be a string"}),
        Arguments.of(
            "folderId not a string",
            "'type': 'document', 'id': 'd1', 'organizationId': 'org1', 'folderId': ['f1']",
            new String[] {"folderId: must be a string"}),
        Arguments.of(
            "the resource nested as an object",
            "'resource': {'type': 'document', 'id': 'd1', 'organizationId': 'org1'}",
            new String[] {"resource: is not a known field"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badResources")
  void bad_resource_is_invalid_argument_naming_the_field(
      String name, String fields, String[] fragments) {
    String token = mint("{'type': 'organization', 'id': 'org1'}");
    String body = json("{'token': '" + token + "', " + fields + "}");

    assertVeltFailure(server.post(CHECK_ACCESS, body, ISSUER), 400, "INVALID_ARGUMENT", fragments);
  }

  @Test
  void bad_resource_is_reported_even_when_the_token_is_invalid() {
    assertVeltFailure(
        server.post(CHECK_ACCESS, json("{'token': 'garbage', 'type': 'doc', 'id': 'd1'}"), ISSUER),
        400,
        "INVALID_ARGUMENT",
        "type: must be one of");
  }

  // ---------------------------------------------------------------- helpers

  /** A token for a user of its own holding the given grants, written with single quotes. */
  private static String mint(String... grants) {
    return mintIn(ISSUER, grants);
  }

  /** Like {@link #mint}, in the workspace of {@code credential}. */
  private static String mintIn(List<String> credential, String... grants) {
    String[] resources = new String[grants.length];
    for (int i = 0; i < grants.length; i++) {
      resources[i] = json(grants[i]);
    }
    String userId = "ca-" + (server.app.signer.signed().size() + 1);
    return assertVeltToken(
        server.post(GENERATE_TOKEN, tokenRequest(userId, resources), credential));
  }

  private static String document(String token, String id, String organizationId) {
    return json("{'token': '%s', 'type': 'document', 'id': '%s', 'organizationId': '%s'}")
        .formatted(token, id, organizationId);
  }

  private static String allowed(String role, String decidedBy, String expiresAt) {
    return json(
        """
        {'result': {'status': 'success', 'message': 'Access checked successfully.',
          'data': {'valid': true, 'accessRole': '%s', 'decidedBy': %s, 'expiresAt': %s}}}
        """
            .formatted(role, decidedBy, expiresAt));
  }

  private static String none(boolean valid, String reason, String message) {
    return """
    {"result": {"status": "success", "message": "Access checked successfully.",
      "data": {"valid": %s, "accessRole": "none", "decidedBy": null, "expiresAt": null,
               "reason": "%s", "message": "%s"}}}
    """
        .formatted(valid, reason, message);
  }
}
