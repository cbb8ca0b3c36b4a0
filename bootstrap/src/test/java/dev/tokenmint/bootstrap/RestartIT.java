package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Claims;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded default keeps what it is told across restarts. */
class RestartIT {

  static final String API_KEY = "tmk_restart";
  static final String AUTH_TOKEN = "tmat_restart_admin_0123456789abcdefghij";
  static final String KEY_256 = "0123456789abcdef0123456789abcdef";

  private final Path dataDir = TestDirectories.fresh("restart");

  private Settings settings(boolean withCredential) {
    return settings(withCredential, Map.of("TOKENMINT_ISSUER", "https://restart.test"));
  }

  private Settings settings(boolean withCredential, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.putIfAbsent("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_DATA_DIR", dataDir.toString());
    if (withCredential) {
      env.put("TOKENMINT_API_KEY", API_KEY);
      env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    }
    return Settings.fromEnvironment(env);
  }

  @Test
  void tokens_users_grants_and_credentials_survive_a_restart() throws Exception {
    String token;
    String kidBefore;
    try (Tokenmint first = Tokenmint.start(settings(true), Clock.systemUTC())) {
      Http http = new Http(first.port(), API_KEY, AUTH_TOKEN);
      token =
          http.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_2)
              .body()
              .get("result")
              .get("data")
              .get("token")
              .asText();
      kidBefore = http.get("/.well-known/jwks.json").body().get("keys").get(0).get("kid").asText();
      assertThat(
              http.post(
                      "/plugin/datafor-modeler/api/token/generateAuthorization",
                      "{\"name\":\"ERP\",\"privateKey\":\""
                          + KEY_256
                          + "\","
                          + "\"payload\":{\"username\":\"user456\",\"roles\":[\"Manager\"]}}")
                  .status())
          .isEqualTo(200);
      assertThat(
              http.post(
                      "/v2/auth/permissions/add",
                      "{\"user\":{\"userId\":\"user456\"},\"permissions\":{\"resources\":["
                          + "{\"type\":\"document\",\"id\":\"doc_stored\",\"organizationId\":\"org_789\",\"accessRole\":\"viewer\"}]}}")
                  .status())
          .isEqualTo(200);
    }

    try (Tokenmint second = Tokenmint.start(settings(true), Clock.systemUTC())) {
      Http http = new Http(second.port(), API_KEY, AUTH_TOKEN);

      Claims before = VeltEndToEndIT.verify(token, http).getPayload();
      assertThat(before.getSubject()).isEqualTo("user456");
      assertThat(http.get("/.well-known/jwks.json").body().get("keys").get(0).get("kid").asText())
          .isEqualTo(kidBefore);

      Http.Reply minted = http.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_2);
      assertThat(minted.status())
          .as("the configured credential still authenticates")
          .isEqualTo(200);
      JsonNode claims =
          Http.JSON.valueToTree(
              VeltEndToEndIT.verify(
                      minted.body().get("result").get("data").get("token").asText(), http)
                  .getPayload());
      assertThat(claims.get("roles").toString()).isEqualTo("[\"Manager\"]");
      assertThat(claims.get("permissions").get("resources").toString())
          .contains("org_789")
          .contains("doc_stored");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("master.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void a_generated_credential_is_printed_once_and_keeps_working_after_a_restart() {
    String apiKey;
    String authToken;
    try (Tokenmint first = Tokenmint.start(settings(false), Clock.systemUTC())) {
      apiKey = first.apiKey();
      authToken = first.generatedAuthToken().orElseThrow();
    }
    try (Tokenmint second = Tokenmint.start(settings(false), Clock.systemUTC())) {
      assertThat(second.generatedAuthToken()).isEmpty();
      assertThat(second.apiKey()).isEqualTo(apiKey);
      Http http = new Http(second.port(), apiKey, authToken);
      assertThat(http.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1).status())
          .isEqualTo(200);
    }
  }

  @Test
  void another_master_key_stops_the_start_with_one_clear_line() {
    try (Tokenmint first = Tokenmint.start(settings(true), Clock.systemUTC())) {
      assertThat(first.port()).isPositive();
    }
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_DATA_DIR", dataDir.toString());
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_MASTER_KEY", dev.tokenmint.adapter.crypto.MasterKey.generate().toBase64());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Tokenmint.start(Settings.fromEnvironment(env), Clock.systemUTC()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("master key does not open signing key");
  }

  @Test
  void the_issuer_taken_from_the_first_port_stays_when_the_next_start_listens_elsewhere() {
    String issuer;
    String token;
    try (Tokenmint first = Tokenmint.start(settings(true, Map.of()), Clock.systemUTC())) {
      issuer = first.issuer();
      assertThat(issuer).isEqualTo("http://localhost:" + first.port());
      token =
          new Http(first.port(), API_KEY, AUTH_TOKEN)
              .post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1)
              .body()
              .get("result")
              .get("data")
              .get("token")
              .asText();
    }
    try (Tokenmint second = Tokenmint.start(settings(true, Map.of()), Clock.systemUTC())) {
      assertThat(second.issuer()).isEqualTo(issuer);
      Http http = new Http(second.port(), API_KEY, AUTH_TOKEN);
      JsonNode verified =
          http.post(
                  "/v2/auth/verify_token",
                  Http.JSON.createObjectNode().put("token", token).toString())
              .body()
              .get("result")
              .get("data");
      assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
    }
  }

  @Test
  void a_port_in_use_at_the_first_start_stores_no_credential_and_the_next_start_prints_one()
      throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Map<String, String> busy = Map.of("TOKENMINT_PORT", String.valueOf(taken.getLocalPort()));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Tokenmint.start(settings(false, busy), Clock.systemUTC()))
          .isNotNull();
    }
    try (var admin = Tokenmint.administer(settings(false), Clock.systemUTC())) {
      assertThat(admin.workspaces().list()).as("nothing provisioned by the failed start").isEmpty();
    }
    try (Tokenmint next = Tokenmint.start(settings(false), Clock.systemUTC())) {
      String authToken = next.generatedAuthToken().orElseThrow();
      Http http = new Http(next.port(), next.apiKey(), authToken);
      assertThat(http.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1).status())
          .isEqualTo(200);
    }
  }

  @Test
  void a_default_workspace_without_an_active_admin_credential_says_how_to_make_one() {
    String apiKey;
    try (Tokenmint first = Tokenmint.start(settings(false), Clock.systemUTC())) {
      apiKey = first.apiKey();
    }
    try (var admin = Tokenmint.administer(settings(false), Clock.systemUTC())) {
      for (var credential : admin.workspaces().credentials(apiKey)) {
        admin.workspaces().revokeCredential(apiKey, credential.id());
      }
    }

    try (CapturedLogs logs = CapturedLogs.everything();
        Tokenmint next = Tokenmint.start(settings(false), Clock.systemUTC())) {
      assertThat(next.generatedAuthToken()).isEmpty();
      assertThat(logs.events())
          .filteredOn(event -> event.getLevel() == ch.qos.logback.classic.Level.WARN)
          .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              message ->
                  assertThat(message)
                      .contains("has no active admin credential")
                      .contains("credential create --workspace " + apiKey + " --role admin"));
    }
  }
}
