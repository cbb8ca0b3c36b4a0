package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Organization;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request and token limits (docs/api.md), each shown on its own: grants per token, request body
 * bytes, token bytes (a warning above 8 KiB, a refusal above the hard limit).
 */
class LimitsIT {

  private static final int KIB = 1024;

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void token_over_8_kib_is_served_with_a_warning_header() {
    server = TestServer.start(TestApplication.standard());
    server.app.signer.padTokensBy(9000);

    Reply reply = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);

    assertThat(assertVeltToken(reply)).hasSize(9008);
    assertThat(reply.header("Warning"))
        .hasValueSatisfying(
            warning ->
                assertThat(warning)
                    .startsWith("299 tokenmint \"")
                    .contains("token is 9008 bytes, over 8192")
                    .contains("header limits"));
  }

  @Test
  void token_under_8_kib_has_no_warning_header() {
    server = TestServer.start(TestApplication.standard());

    Reply reply = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);

    assertVeltToken(reply);
    assertThat(reply.header("Warning")).isEmpty();
  }

  @Test
  void token_over_the_size_limit_is_resource_exhausted_naming_the_limit() {
    server = TestServer.start(TestApplication.withLimits(new TokenLimits(1000, 16 * KIB, 8 * KIB)));
    server.app.signer.padTokensBy(20_000);
    int audited = server.app.audit.records().size();

    Reply reply = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);

    assertVeltFailure(
        reply,
        413,
        "RESOURCE_EXHAUSTED",
        "the token would be 20008 bytes, over the limit of 16384 bytes");
    assertThat(reply.body()).doesNotContain("signed-").doesNotContain("xxxxxxxx");
    assertThat(server.app.audit.records()).hasSize(audited);
  }

  @Test
  void grant_limit_is_checked_on_its_own_when_the_body_limit_allows_the_request() {
    server = TestServer.start(TestApplication.standard(), 1024 * KIB);
    String body = verboseOrganizations(1001);
    assertThat(body.length()).isGreaterThan(64 * KIB);
    TestServer.Snapshot before = server.snapshot();

    Reply reply = server.post(GENERATE_TOKEN, body, ISSUER);

    assertVeltFailure(
        reply,
        400,
        "INVALID_ARGUMENT",
        "permissions.resources: a token carries at most 1000 grants, this request names 1001");
    server.assertNothingMintedSince(before);
  }

  @Test
  void grant_limit_is_configurable() {
    server = TestServer.start(TestApplication.withLimits(new TokenLimits(3, 128 * KIB, 8 * KIB)));
    TestServer.Snapshot before = server.snapshot();

    Reply reply = server.post(GENERATE_TOKEN, RequestBodies.organizations(4), ISSUER);

    assertVeltFailure(
        reply,
        400,
        "INVALID_ARGUMENT",
        "permissions.resources: a token carries at most 3 grants, this request names 4; store"
            + " long-lived grants with /v2/auth/permissions/add or split the access across"
            + " narrower resources");
    server.assertNothingMintedSince(before);
    assertVeltToken(server.post(GENERATE_TOKEN, RequestBodies.organizations(3), ISSUER));
  }

  @Test
  void raised_limits_accept_a_request_over_the_default_body_and_grant_limits() {
    server =
        TestServer.start(
            TestApplication.withLimits(new TokenLimits(2000, 128 * KIB, 8 * KIB)), 1024 * KIB);

    assertVeltToken(server.post(GENERATE_TOKEN, verboseOrganizations(1001), ISSUER));
  }

  @Test
  void stored_grants_pushing_the_token_over_the_grant_limit_are_resource_exhausted() {
    server = TestServer.start(TestApplication.withLimits(new TokenLimits(3, 128 * KIB, 8 * KIB)));
    String workspaceId = server.app.defaultWorkspace.id();
    server.app.grants.put(
        workspaceId, "u1", Grant.of(new Organization("stored-1"), AccessRole.VIEWER));
    server.app.grants.put(
        workspaceId, "u1", Grant.of(new Organization("stored-2"), AccessRole.VIEWER));
    TestServer.Snapshot before = server.snapshot();

    Reply reply = server.post(GENERATE_TOKEN, RequestBodies.organizations(2), ISSUER);

    assertVeltFailure(
        reply,
        413,
        "RESOURCE_EXHAUSTED",
        "with the user's stored grants the token would carry 4 grants, over the limit of 3;"
            + " remove stored grants with /v2/auth/permissions/remove or grant on the organization"
            + " or folder instead of each document");
    server.assertNothingMintedSince(before);
  }

  @Test
  void body_of_exactly_64_kib_is_accepted() {
    server = TestServer.start(TestApplication.standard());
    String body = padded(VELT_EXAMPLE_1, 64 * KIB);

    assertVeltToken(server.post(GENERATE_TOKEN, body, ISSUER));
  }

  @Test
  void body_limit_is_configurable() {
    server = TestServer.start(TestApplication.standard(), 1024);
    TestServer.Snapshot before = server.snapshot();

    Reply reply = server.post(GENERATE_TOKEN, padded(VELT_EXAMPLE_1, 1025), ISSUER);

    assertVeltFailure(reply, 413, "RESOURCE_EXHAUSTED", "larger than the limit of 1024 bytes");
    server.assertNothingMintedSince(before);
    assertVeltToken(server.post(GENERATE_TOKEN, padded(VELT_EXAMPLE_1, 1024), ISSUER));
  }

  /** {@code body} followed by spaces up to exactly {@code bytes} UTF-8 bytes. */
  private static String padded(String body, int bytes) {
    String padded = body + " ".repeat(bytes - body.getBytes(StandardCharsets.UTF_8).length);
    assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
    return padded;
  }

  /** {@code count} document grants with realistic ids: about 100 bytes each. */
  private static String verboseOrganizations(int count) {
    String[] resources = new String[count];
    for (int i = 0; i < count; i++) {
      resources[i] =
          "{\"type\":\"document\",\"id\":\"document-"
              + i
              + "\",\"organizationId\":\"organization-main\",\"accessRole\":\"viewer\"}";
    }
    return tokenRequest("u1", resources);
  }
}
