package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.security.Key;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three examples of Velt's generate_token documentation, through a real server, each token
 * verified by jjwt against the server's JWKS.
 */
class VeltEndToEndIT {

  static final String API_KEY = "tmk_e2e_velt";
  static final String AUTH_TOKEN = "tmat_e2e_velt_admin_0123456789abcdefgh";
  static final String ISSUER = "https://tokenmint.e2e";

  static final String EXAMPLE_1 =
      """
      {"userId":"user123","userProperties":{"isAdmin":false,"name":"John Doe","email":"john@example.com"},
       "permissions":{"resources":[
         {"type":"organization","id":"org_123","accessRole":"viewer"},
         {"type":"document","id":"doc_456","organizationId":"org_123","accessRole":"editor","expiresAt":1640995200}]}}
      """;
  static final String EXAMPLE_2 =
      """
      {"userId":"user456","userProperties":{"isAdmin":true,"name":"Jane Smith","email":"jane@example.com"},
       "permissions":{"resources":[{"type":"organization","id":"org_789","accessRole":"viewer"}]}}
      """;
  static final String EXAMPLE_3 =
      """
      {"userId":"user789","userProperties":{"isAdmin":false,"name":"Bob Wilson","email":"bob@example.com"},
       "permissions":{"resources":[
         {"type":"organization","id":"org_123"},
         {"type":"folder","id":"folder_001","organizationId":"org_123","accessRole":"editor"}]}}
      """;

  static Tokenmint tokenmint;
  static Http http;

  @BeforeAll
  static void start() {
    tokenmint = Tokenmint.start(settings("ES256"), Clock.systemUTC());
    http = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN);
  }

  @AfterAll
  static void stop() {
    tokenmint.close();
  }

  static Settings settings(String algorithm) {
    return Settings.fromEnvironment(
        Map.of(
            "TOKENMINT_DATA_DIR", TestDirectories.fresh("velt-e2e").toString(),
            "TOKENMINT_PORT", "0",
            "TOKENMINT_ISSUER", ISSUER,
            "TOKENMINT_SIGNING_ALG", algorithm,
            "TOKENMINT_API_KEY", API_KEY,
            "TOKENMINT_AUTH_TOKEN", AUTH_TOKEN));
  }

  static Stream<Arguments> examples() {
    return Stream.of(EXAMPLE_1, EXAMPLE_2, EXAMPLE_3)
        .flatMap(example -> Stream.of(Arguments.of(example, false), Arguments.of(example, true)));
  }

  @ParameterizedTest(name = "[{index}] wrapped={1}")
  @MethodSource("examples")
  void each_documented_example_mints_a_48_hour_token_that_verifies_against_the_jwks(
      String example, boolean wrapped) throws Exception {
    JsonNode request = Http.JSON.readTree(example);
    String body = wrapped ? "{\"data\":" + example + "}" : example;

    Http.Reply reply = http.post("/v2/auth/generate_token", body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("result").get("status").asText()).isEqualTo("success");
    assertThat(reply.body().get("result").get("message").asText())
        .isEqualTo("Token generated successfully.");
    assertThat(reply.body().get("result").get("data").size()).isEqualTo(1);
    assertThat(reply.raw().headers().firstValue("Cache-Control")).contains("no-store");
    String token = reply.body().get("result").get("data").get("token").asText();

    Jws<Claims> jws = verify(token, http);

    Claims claims = jws.getPayload();
    assertThat(jws.getHeader().getType()).isEqualTo("JWT");
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo("ES256");
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getSubject()).isEqualTo(request.get("userId").asText());
    assertThat(claims.get("userId")).isEqualTo(request.get("userId").asText());
    assertThat(claims.getId()).isNotBlank();
    assertThat(claims.getExpiration().getTime() - claims.getIssuedAt().getTime())
        .isEqualTo(48L * 3600 * 1000);
    JsonNode payload = Http.JSON.valueToTree(claims);
    assertThat(payload.get("userProperties")).isEqualTo(request.get("userProperties"));
    assertThat(payload.get("permissions")).isEqualTo(normalized(request.get("permissions")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EdDSA", "RS256", "PS256"})
  void tokens_of_every_published_algorithm_verify_against_the_jwks(String algorithm) {
    try (Tokenmint other = Tokenmint.start(settings(algorithm), Clock.systemUTC())) {
      Http client = new Http(other.port(), API_KEY, AUTH_TOKEN);

      Http.Reply reply = client.post("/v2/auth/generate_token", EXAMPLE_2);

      String token = reply.body().get("result").get("data").get("token").asText();
      Jws<Claims> jws = verify(token, client);
      assertThat(jws.getHeader().getAlgorithm()).isEqualTo(algorithm);
      assertThat(jws.getPayload().getSubject()).isEqualTo("user456");
    }
  }

  @Test
  void the_jwks_holds_public_keys_only_with_kid_alg_and_use() {
    Http.Reply reply = http.get("/.well-known/jwks.json");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode key = reply.body().get("keys").get(0);
    assertThat(key.get("kid").asText()).isNotBlank();
    assertThat(key.get("alg").asText()).isEqualTo("ES256");
    assertThat(key.get("use").asText()).isEqualTo("sig");
    assertThat(key.has("d")).isFalse();
    assertThat(http.get("/workspaces/" + API_KEY + "/.well-known/jwks.json").body())
        .isEqualTo(reply.body());
  }

  @Test
  void wrong_credentials_get_401_in_the_velt_envelope() {
    Http stranger = new Http(tokenmint.port(), API_KEY, "tmat_wrong_wrong_wrong_wrong_wrong_wrong");

    Http.Reply reply = stranger.post("/v2/auth/generate_token", EXAMPLE_1);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body())
        .isEqualTo(
            Http.JSON
                .createObjectNode()
                .set(
                    "error",
                    Http.JSON
                        .createObjectNode()
                        .put("message", "invalid credentials")
                        .put("status", "UNAUTHENTICATED")
                        .put(
                            "requestId",
                            reply.raw().headers().firstValue("X-Request-Id").orElseThrow())));
  }

  /** The request's permissions as the token must carry them: accessRole always present. */
  private static JsonNode normalized(JsonNode permissions) {
    JsonNode copy = permissions.deepCopy();
    copy.get("resources")
        .forEach(
            r -> {
              if (!r.has("accessRole")) {
                ((ObjectNode) r).put("accessRole", "editor");
              }
            });
    return copy;
  }

  static Jws<Claims> verify(String token, Http client) {
    String jwksJson = client.get("/.well-known/jwks.json").raw().body();
    JwkSet jwks = Jwks.setParser().build().parse(jwksJson);
    return Jwts.parser()
        .keyLocator(
            header -> {
              String kid = ((io.jsonwebtoken.ProtectedHeader) header).getKeyId();
              for (Jwk<?> jwk : jwks) {
                if (jwk.getId().equals(kid)) {
                  return (Key) ((PublicJwk<?>) jwk).toKey();
                }
              }
              throw new AssertionError("no key " + kid + " in the JWKS");
            })
        .build()
        .parseSignedClaims(token);
  }
}
