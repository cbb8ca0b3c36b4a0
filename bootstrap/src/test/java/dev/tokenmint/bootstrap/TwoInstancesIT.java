package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.jdbc.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two instances on one PostgreSQL database behave as one service. */
class TwoInstancesIT {

  static final String API_KEY = "tmk_two_instances";
  static final String AUTH_TOKEN = "tmat_two_instances_admin_0123456789abcd";

  private static Settings settings(TestPostgres.Schema schema, String masterKey) {
    return settings(schema, masterKey, Map.of("TOKENMINT_ISSUER", "https://cluster.test"));
  }

  private static Settings settings(
      TestPostgres.Schema schema, String masterKey, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("instance").toString());
    env.put("TOKENMINT_DB_URL", schema.jdbcUrl());
    schema.user().ifPresent(user -> env.put("TOKENMINT_DB_USER", user));
    schema.password().ifPresent(password -> env.put("TOKENMINT_DB_PASSWORD", password));
    env.put("TOKENMINT_MASTER_KEY", masterKey);
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    return Settings.fromEnvironment(env);
  }

  @Test
  void users_grants_keys_and_credentials_written_through_one_instance_serve_through_the_other()
      throws Exception {
    String masterKey = MasterKey.generate().toBase64();
    try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
      // Both start at once on an empty database: one provisions, the other adopts what it made.
      CompletableFuture<Tokenmint> startA =
          CompletableFuture.supplyAsync(
              () -> Tokenmint.start(settings(schema, masterKey), Clock.systemUTC()));
      CompletableFuture<Tokenmint> startB =
          CompletableFuture.supplyAsync(
              () -> Tokenmint.start(settings(schema, masterKey), Clock.systemUTC()));
      try (Tokenmint a = startA.get(60, TimeUnit.SECONDS);
          Tokenmint b = startB.get(60, TimeUnit.SECONDS)) {
        Http httpA = new Http(a.port(), API_KEY, AUTH_TOKEN);
        Http httpB = new Http(b.port(), API_KEY, AUTH_TOKEN);

        assertThat(httpA.get("/.well-known/jwks.json").body())
            .isEqualTo(httpB.get("/.well-known/jwks.json").body());
        assertThat(httpA.get("/.well-known/jwks.json").body().get("keys")).hasSize(1);

        assertThat(
                httpA
                    .post(
                        "/v2/auth/permissions/add",
                        "{\"user\":{\"userId\":\"shared-user\"},\"permissions\":{\"resources\":["
                            + "{\"type\":\"folder\",\"id\":\"f_stored\",\"organizationId\":\"org_1\",\"accessRole\":\"viewer\"}]}}")
                    .status())
            .isEqualTo(200);
        assertThat(
                httpA
                    .post(
                        "/v2/users/add",
                        "{\"organizationId\":\"org_1\",\"users\":[{\"userId\":\"shared-user\",\"name\":\"Shared\",\"email\":\"s@example.com\",\"accessRole\":\"editor\"}]}")
                    .status())
            .isEqualTo(200);

        Http.Reply fromB =
            httpB.post(
                "/v2/auth/generate_token",
                "{\"userId\":\"shared-user\",\"userProperties\":{\"name\":\"Shared\"}}");
        assertThat(fromB.status()).isEqualTo(200);
        JsonNode claims =
            Http.JSON.valueToTree(
                VeltEndToEndIT.verify(
                        fromB.body().get("result").get("data").get("token").asText(), httpA)
                    .getPayload());
        assertThat(claims.get("permissions").get("resources").toString())
            .contains("f_stored")
            .contains("\"type\":\"organization\",\"id\":\"org_1\",\"accessRole\":\"editor\"");

        String fromA =
            httpA
                .post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1)
                .body()
                .get("result")
                .get("data")
                .get("token")
                .asText();
        assertThat(VeltEndToEndIT.verify(fromA, httpB).getPayload().getSubject())
            .isEqualTo("user123");

        assertThat(
                httpB
                    .post("/v2/users/get", "{\"organizationId\":\"org_1\"}")
                    .body()
                    .get("result")
                    .get("data")
                    .get(0)
                    .get("userId")
                    .asText())
            .isEqualTo("shared-user");
      }
    }
  }

  @Test
  void a_token_revoked_through_one_instance_is_refused_by_the_other() {
    String masterKey = MasterKey.generate().toBase64();
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Tokenmint a = Tokenmint.start(settings(schema, masterKey), Clock.systemUTC());
        Tokenmint b = Tokenmint.start(settings(schema, masterKey), Clock.systemUTC())) {
      Http httpA = new Http(a.port(), API_KEY, AUTH_TOKEN);
      Http httpB = new Http(b.port(), API_KEY, AUTH_TOKEN);
      String token =
          httpA
              .post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_2)
              .body()
              .get("result")
              .get("data")
              .get("token")
              .asText();
      String verify = Http.JSON.createObjectNode().put("token", token).toString();
      String checkAccess =
          Http.JSON
              .createObjectNode()
              .put("token", token)
              .put("type", "organization")
              .put("id", "org_789")
              .toString();
      JsonNode before =
          httpB.post("/v2/auth/verify_token", verify).body().get("result").get("data");
      assertThat(before.get("valid").asBoolean()).as("B accepts the token before").isTrue();
      String jti = before.get("claims").get("jti").asText();
      assertThat(
              httpB
                  .post("/v2/auth/check_access", checkAccess)
                  .body()
                  .get("result")
                  .get("data")
                  .get("accessRole")
                  .asText())
          .isEqualTo("viewer");

      Http.Reply revoked = httpA.post("/v2/auth/revoke_token", verify);
      assertThat(revoked.status()).as("%s", revoked.body()).isEqualTo(200);
      assertThat(revoked.body().get("result").get("data").get("jti").asText()).isEqualTo(jti);

      assertThat(httpB.post("/v2/auth/verify_token", verify).body())
          .isEqualTo(
              json(
                  """
                  {"result": {"status": "success", "message": "Token is not valid.",
                    "data": {"valid": false, "reason": "revoked",
                             "message": "token %s was revoked"}}}
                  """
                      .formatted(jti)));
      assertThat(httpB.post("/v2/auth/check_access", checkAccess).body())
          .isEqualTo(
              json(
                  """
                  {"result": {"status": "success", "message": "Access checked successfully.",
                    "data": {"valid": false, "accessRole": "none", "decidedBy": null,
                             "expiresAt": null, "reason": "revoked",
                             "message": "token %s was revoked"}}}
                  """
                      .formatted(jti)));
    }
  }

  /** A clock both instances share that moves only when the test moves it. */
  static final class SteppedClock extends Clock {
    private volatile Instant now;

    SteppedClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }

  private static String mintedKid(Http http, String userId) {
    String token =
        http.post("/v2/auth/generate_token", "{\"userId\":\"" + userId + "\"}")
            .body()
            .get("result")
            .get("data")
            .get("token")
            .asText();
    return VeltEndToEndIT.verify(token, http).getHeader().getKeyId();
  }

  @Test
  void a_key_rotated_through_one_instance_signs_there_at_once_and_on_the_other_within_the_cache() {
    String masterKey = MasterKey.generate().toBase64();
    Map<String, String> cache5s =
        Map.of("TOKENMINT_ISSUER", "https://cluster.test", "TOKENMINT_KEY_CACHE_SECONDS", "5");
    SteppedClock clock =
        new SteppedClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Tokenmint a = Tokenmint.start(settings(schema, masterKey, cache5s), clock);
        Tokenmint b = Tokenmint.start(settings(schema, masterKey, cache5s), clock)) {
      Http httpA = new Http(a.port(), API_KEY, AUTH_TOKEN);
      Http httpB = new Http(b.port(), API_KEY, AUTH_TOKEN);
      String first = mintedKid(httpB, "before"); // B reads the active key and remembers it
      assertThat(mintedKid(httpA, "before")).isEqualTo(first);

      Http.Reply rotated = httpA.post("/v2/keys/rotate", "{}");
      assertThat(rotated.status()).as("%s", rotated.body()).isEqualTo(200);
      String second = rotated.body().get("result").get("data").get("kid").asText();

      assertThat(mintedKid(httpA, "after")).as("the rotating instance, at once").isEqualTo(second);
      // B still signs with the key it remembered, which is published (and verifies) on both
      // instances: a token is never signed by a key that is not in the JWKS.
      String stale =
          httpB
              .post("/v2/auth/generate_token", "{\"userId\":\"stale\"}")
              .body()
              .get("result")
              .get("data")
              .get("token")
              .asText();
      assertThat(VeltEndToEndIT.verify(stale, httpB).getHeader().getKeyId()).isEqualTo(first);
      assertThat(VeltEndToEndIT.verify(stale, httpA).getHeader().getKeyId()).isEqualTo(first);
      String verify = Http.JSON.createObjectNode().put("token", stale).toString();
      for (Http instance : List.of(httpA, httpB)) {
        assertThat(
                instance
                    .post("/v2/auth/verify_token", verify)
                    .body()
                    .get("result")
                    .get("data")
                    .get("valid")
                    .asBoolean())
            .isTrue();
      }
      // ... and the retired key verifies for the overlap plus the cache: every token B signs
      // with it verifies until it expires.
      JsonNode retiring =
          httpB.post("/v2/keys/get", "{}").body().get("result").get("data").get("keys").get(1);
      assertThat(retiring.get("kid").asText()).isEqualTo(first);
      assertThat(retiring.get("verifiesUntil").asLong() - retiring.get("retiringSince").asLong())
          .isEqualTo(Duration.ofHours(48).plusSeconds(60).plusSeconds(60).toSeconds());

      clock.advance(Duration.ofSeconds(4));
      assertThat(mintedKid(httpB, "within")).as("B within the cache").isEqualTo(first);
      clock.advance(Duration.ofSeconds(1));
      assertThat(mintedKid(httpB, "after-cache")).as("B once the cache ran out").isEqualTo(second);
    }
  }

  @Test
  void without_a_key_cache_every_instance_signs_with_a_rotated_key_at_once() {
    String masterKey = MasterKey.generate().toBase64();
    Map<String, String> noCache =
        Map.of("TOKENMINT_ISSUER", "https://cluster.test", "TOKENMINT_KEY_CACHE_SECONDS", "0");
    SteppedClock clock =
        new SteppedClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Tokenmint a = Tokenmint.start(settings(schema, masterKey, noCache), clock);
        Tokenmint b = Tokenmint.start(settings(schema, masterKey, noCache), clock)) {
      Http httpA = new Http(a.port(), API_KEY, AUTH_TOKEN);
      Http httpB = new Http(b.port(), API_KEY, AUTH_TOKEN);
      String first = mintedKid(httpB, "before");

      String second =
          httpA.post("/v2/keys/rotate", "{}").body().get("result").get("data").get("kid").asText();

      assertThat(second).isNotEqualTo(first);
      assertThat(mintedKid(httpB, "after")).isEqualTo(second);
      assertThat(mintedKid(httpA, "after")).isEqualTo(second);
    }
  }

  private static JsonNode json(String text) {
    try {
      return Http.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void a_workspace_and_credential_created_by_the_cli_authenticate_on_every_instance()
      throws Exception {
    String masterKey = MasterKey.generate().toBase64();
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Tokenmint a = Tokenmint.start(settings(schema, masterKey), Clock.systemUTC());
        Tokenmint b = Tokenmint.start(settings(schema, masterKey), Clock.systemUTC())) {
      var issued =
          Tokenmint.administer(settings(schema, masterKey), Clock.systemUTC())
              .workspaces()
              .create("acme");

      for (Tokenmint instance : new Tokenmint[] {a, b}) {
        Http http = new Http(instance.port(), issued.workspace().apiKey(), issued.authToken());
        Http.Reply reply = http.post("/v2/auth/generate_token", "{\"userId\":\"u\"}");
        assertThat(reply.status()).isEqualTo(200);
        String token = reply.body().get("result").get("data").get("token").asText();
        String jwks = "/workspaces/" + issued.workspace().apiKey() + "/.well-known/jwks.json";
        assertThat(http.get(jwks).body().get("keys")).hasSize(1);
        assertThat(http.get("/.well-known/jwks.json").body().toString())
            .doesNotContain(http.get(jwks).body().get("keys").get(0).get("kid").asText());
        assertThat(token).isNotBlank();
      }
    }
  }

  @Test
  void without_a_configured_issuer_instances_on_other_ports_verify_each_others_tokens()
      throws Exception {
    String masterKey = MasterKey.generate().toBase64();
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Tokenmint a = Tokenmint.start(settings(schema, masterKey, Map.of()), Clock.systemUTC());
        Tokenmint b = Tokenmint.start(settings(schema, masterKey, Map.of()), Clock.systemUTC())) {
      assertThat(a.port()).isNotEqualTo(b.port());
      Http httpA = new Http(a.port(), API_KEY, AUTH_TOKEN);
      Http httpB = new Http(b.port(), API_KEY, AUTH_TOKEN);

      String fromA = token(httpA);
      String fromB = token(httpB);

      assertThat(issuerOf(fromA))
          .isEqualTo("http://localhost:" + a.port())
          .isEqualTo(issuerOf(fromB));
      assertThat(b.issuer()).isEqualTo(a.issuer());
      assertThat(valid(httpB, fromA)).as("A's token on B").isTrue();
      assertThat(valid(httpA, fromB)).as("B's token on A").isTrue();
    }
  }

  @Test
  void an_instance_whose_configured_issuer_contradicts_the_stored_one_does_not_start() {
    String masterKey = MasterKey.generate().toBase64();
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Tokenmint a = Tokenmint.start(settings(schema, masterKey), Clock.systemUTC())) {
      Settings contradicting =
          settings(schema, masterKey, Map.of("TOKENMINT_ISSUER", "https://other.test"));

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Tokenmint.start(contradicting, Clock.systemUTC()))
          .hasMessageContaining("https://other.test")
          .hasMessageContaining("https://cluster.test");
    }
  }

  private static String token(Http http) {
    Http.Reply reply = http.post("/v2/auth/generate_token", "{\"userId\":\"u\"}");
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("result").get("data").get("token").asText();
  }

  private static String issuerOf(String token) {
    return json(new String(
            java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
            java.nio.charset.StandardCharsets.UTF_8))
        .get("iss")
        .asText();
  }

  private static boolean valid(Http http, String token) {
    Http.Reply reply =
        http.post(
            "/v2/auth/verify_token", Http.JSON.createObjectNode().put("token", token).toString());
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("result").get("data").get("valid").asBoolean();
  }
}
