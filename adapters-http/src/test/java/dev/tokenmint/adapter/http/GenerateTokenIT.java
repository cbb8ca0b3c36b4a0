package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_2;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_3;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.out.AuditLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /v2/auth/generate_token} with good requests: Velt's documented examples. */
class GenerateTokenIT {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> seedExamples() {
    return Stream.of(
        Arguments.of("example 1", VELT_EXAMPLE_1, "user123"),
        Arguments.of("example 2", VELT_EXAMPLE_2, "user456"),
        Arguments.of("example 3", VELT_EXAMPLE_3, "user789"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedExamples")
  void documented_example_unwrapped_mints_a_token(String name, String body, String userId) {
    String token = assertVeltToken(server.post(GENERATE_TOKEN, body, ISSUER));

    assertThat(token).isEqualTo("signed-" + server.app.signer.signed().size());
    assertThat(server.app.signer.last().claims().asMap()).containsEntry("sub", userId);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedExamples")
  void documented_example_wrapped_in_data_mints_a_token(String name, String body, String userId) {
    String token = assertVeltToken(server.post(GENERATE_TOKEN, wrapped(body), ISSUER));

    assertThat(token).isEqualTo("signed-" + server.app.signer.signed().size());
    assertThat(server.app.signer.last().claims().asMap()).containsEntry("sub", userId);
  }

  @Test
  void example_1_token_carries_the_user_and_every_grant_normalized() {
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));

    Map<String, Object> claims = server.app.signer.last().claims().asMap();
    assertThat(claims)
        .containsEntry("iss", TestApplication.ISSUER)
        .containsEntry("sub", "user123")
        .containsEntry("userId", "user123")
        .containsEntry("iat", TestApplication.NOW.getEpochSecond())
        .containsEntry("exp", TestApplication.NOW.getEpochSecond() + 48 * 3600)
        .containsEntry(
            "userProperties",
            Map.of("name", "John Doe", "email", "john@example.com", "isAdmin", false))
        .containsEntry(
            "permissions",
            Map.of(
                "resources",
                List.of(
                    Map.of("type", "organization", "id", "org_123", "accessRole", "viewer"),
                    Map.of(
                        "type", "document",
                        "id", "doc_456",
                        "organizationId", "org_123",
                        "accessRole", "editor",
                        "expiresAt", 1_640_995_200L))));
    assertThat(claims).doesNotContainKey("roles");
  }

  @Test
  void example_2_token_says_the_user_is_an_admin() {
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_2, ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry(
            "userProperties",
            Map.of("name", "Jane Smith", "email", "jane@example.com", "isAdmin", true))
        .containsEntry(
            "permissions",
            Map.of(
                "resources",
                List.of(Map.of("type", "organization", "id", "org_789", "accessRole", "viewer"))));
  }

  @Test
  void example_3_grant_without_access_role_defaults_to_editor() {
    assertVeltToken(server.post(GENERATE_TOKEN, wrapped(VELT_EXAMPLE_3), ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry(
            "permissions",
            Map.of(
                "resources",
                List.of(
                    Map.of("type", "organization", "id", "org_123", "accessRole", "editor"),
                    Map.of(
                        "type", "folder",
                        "id", "folder_001",
                        "organizationId", "org_123",
                        "accessRole", "editor"))));
  }

  @Test
  void wrapped_and_unwrapped_forms_yield_the_same_claims() {
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    Map<String, Object> unwrapped = new HashMap<>(server.app.signer.last().claims().asMap());
    assertVeltToken(server.post(GENERATE_TOKEN, wrapped(VELT_EXAMPLE_1), ISSUER));
    Map<String, Object> wrapped = new HashMap<>(server.app.signer.last().claims().asMap());

    assertThat(wrapped.remove("jti")).isNotEqualTo(unwrapped.remove("jti"));
    assertThat(wrapped).isEqualTo(unwrapped);
  }

  @Test
  void token_is_signed_with_the_workspace_key_and_audited() {
    int audited = server.app.audit.records().size();

    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));

    assertThat(server.app.signer.last().kid()).isEqualTo("test-key-1");
    assertThat(server.app.signer.last().header().asMap())
        .containsEntry("alg", "ES256")
        .containsEntry("typ", "JWT")
        .containsEntry("kid", "test-key-1");
    List<AuditLog.MintRecord> records = server.app.audit.records();
    assertThat(records).hasSize(audited + 1);
    assertThat(records.get(records.size() - 1).userId()).isEqualTo("user123");
  }

  @Test
  void token_responses_of_both_dialects_forbid_caching() {
    Reply velt = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);
    Reply datafor =
        server.post(
            TestServer.GENERATE_AUTHORIZATION,
            RequestBodies.datafor(RequestBodies.KEY_256_BITS),
            TestServer.ADMIN);

    assertThat(velt.status()).isEqualTo(200);
    assertThat(velt.header("Cache-Control")).contains("no-store");
    assertThat(datafor.status()).isEqualTo(200);
    assertThat(datafor.header("Cache-Control")).contains("no-store");
  }

  @Test
  void request_without_permissions_mints_a_token_without_grants() {
    assertVeltToken(server.post(GENERATE_TOKEN, "{\"userId\":\"lonely\"}", ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry("userProperties", Map.of("isAdmin", false))
        .containsEntry("permissions", Map.of("resources", List.of()));
  }

  @Test
  void user_id_of_256_characters_is_accepted() {
    String userId = "u".repeat(256);

    assertVeltToken(server.post(GENERATE_TOKEN, tokenRequest(userId), ISSUER));

    assertThat(server.app.signer.last().claims().asMap()).containsEntry("sub", userId);
  }

  @Test
  void exactly_1000_grants_are_accepted() {
    assertVeltToken(server.post(GENERATE_TOKEN, RequestBodies.organizations(1000), ISSUER));

    Map<?, ?> permissions =
        (Map<?, ?>) server.app.signer.last().claims().asMap().get("permissions");
    assertThat((List<?>) permissions.get("resources")).hasSize(1000);
  }

  @Test
  void expires_at_bounds_just_inside_the_range_are_accepted() {
    String body =
        tokenRequest(
            "u1",
            "{\"type\":\"organization\",\"id\":\"o1\",\"expiresAt\":1}",
            "{\"type\":\"organization\",\"id\":\"o2\",\"expiresAt\":253402300799}");

    assertVeltToken(server.post(GENERATE_TOKEN, body, ISSUER));
  }

  @Test
  void non_ascii_ids_and_names_survive_unchanged() {
    String body =
        "{\"userId\":\"用户-é\",\"userProperties\":{\"name\":\"Zoë 🚀\"},"
            + "\"permissions\":{\"resources\":[{\"type\":\"organization\",\"id\":\"組織\"}]}}";

    assertVeltToken(server.post(GENERATE_TOKEN, body, ISSUER));

    assertThat(server.app.signer.last().claims().asMap())
        .containsEntry("sub", "用户-é")
        .containsEntry("userProperties", Map.of("name", "Zoë 🚀", "isAdmin", false));
  }
}
