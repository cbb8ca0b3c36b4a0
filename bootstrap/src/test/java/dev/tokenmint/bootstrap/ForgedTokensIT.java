package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenmint.adapter.crypto.NimbusTokenSigner;
import dev.tokenmint.application.port.in.ManageWorkspaces;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.TokenHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged and tampered tokens, each refused by {@code POST /v2/auth/verify_token} with the right
 * reason, against a real server with real keys. Tokens that need a real signature in an unusual
 * state (expired, not yet valid, another issuer, another workspace) are minted by instances on the
 * same data directory with shifted clocks or settings.
 */
class ForgedTokensIT {

  static final String API_KEY = "tmk_forged";
  static final String AUTH_TOKEN = "tmat_forged_admin_0123456789abcdefghijkl";
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final Base64.Decoder B64D = Base64.getUrlDecoder();

  static final Path DATA = TestDirectories.fresh("forged");
  static Tokenmint server;
  static Http http;
  static String genuine;
  static String other;
  static String expired;
  static String fromTheFuture;
  static String otherWorkspace;
  static String revoked;
  static String publicJwk;
  static SigningKey ringKey;
  static NimbusTokenSigner ringSigner;

  static Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_DATA_DIR", DATA.toString());
    env.put("TOKENMINT_ISSUER", "https://forged.test");
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TOKENMINT_MAX_TOKEN_BYTES", "8192");
    env.putAll(extra);
    return env;
  }

  static String mintWith(Map<String, String> extra, Clock clock) {
    try (Tokenmint instance = Tokenmint.start(Settings.fromEnvironment(env(extra)), clock)) {
      return token(new Http(instance.port(), API_KEY, AUTH_TOKEN));
    }
  }

  static String token(Http client) {
    return client.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1).body()
        .get("result").get("data").get("token").asText();
  }

  @BeforeAll
  static void start() {
    Clock now = Clock.systemUTC();
    expired = mintWith(Map.of(), Clock.offset(now, Duration.ofHours(-49)));
    fromTheFuture = mintWith(Map.of(), Clock.offset(now, Duration.ofHours(2)));
    ManageWorkspaces.IssuedCredential issued;
    try (var admin = Tokenmint.administer(Settings.fromEnvironment(env(Map.of())), now)) {
      issued = admin.workspaces().create("other");
    }
    try (Tokenmint instance = Tokenmint.start(Settings.fromEnvironment(env(Map.of())), now)) {
      otherWorkspace = token(new Http(instance.port(), issued.workspace().apiKey(), issued.authToken()));
    }
    server = Tokenmint.start(Settings.fromEnvironment(env(Map.of())), now);
    http = new Http(server.port(), API_KEY, AUTH_TOKEN);
    genuine = token(http);
    other = token(http);
    revoked = token(http);
    assertThat(http.post("/v2/auth/revoke_token", "{\"token\":\"" + revoked + "\"}").status()).isEqualTo(200);
    publicJwk = http.get("/.well-known/jwks.json").body().get("keys").get(0).toString();
    Settings settings = Settings.fromEnvironment(env(Map.of()));
    try (var admin = Tokenmint.administer(settings, now)) {
      String kid = json(part(genuine, 0)).get("kid").asText();
      ringKey =
          admin.keys().verifyingKeys(admin.operatorOf(API_KEY).workspace().id(), now.instant())
              .stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow();
    }
    ringSigner = new NimbusTokenSigner(MasterKeys.resolve(settings));
    assertThat(verify(genuine).get("valid").asBoolean()).as("the genuine token verifies").isTrue();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode verify(String token) {
    return verify(Http.JSON.createObjectNode().put("token", token));
  }

  static JsonNode verify(String token, String audience) {
    return verify(Http.JSON.createObjectNode().put("token", token).put("audience", audience));
  }

  static JsonNode verify(ObjectNode body) {
    Http.Reply reply = http.post("/v2/auth/verify_token", body.toString());
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("result").get("data");
  }

  static String part(String token, int index) {
    return token.split("\\.", -1)[index];
  }

  static ObjectNode json(String base64) {
    try {
      return (ObjectNode) Http.JSON.readTree(B64D.decode(base64));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String encode(JsonNode node) {
    return B64.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The genuine token with its header changed by {@code edit}, signature kept. */
  static String withHeader(java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode header = json(part(genuine, 0));
    edit.accept(header);
    return encode(header) + "." + part(genuine, 1) + "." + part(genuine, 2);
  }

  /**
   * The genuine token's header and claims, the claims changed by {@code edit}, signed by the ring
   * key that signed it: a token only the server's own key could have made.
   */
  static String signedByTheRing(java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode claims = json(part(genuine, 1));
    edit.accept(claims);
    return ringSigner.sign(
        new TokenHeader(Http.JSON.convertValue(json(part(genuine, 0)), MAP)),
        new TokenClaims(Http.JSON.convertValue(claims, MAP)),
        ringKey);
  }

  static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  static long inSeconds(Duration fromNow) {
    return Instant.now().plus(fromNow).getEpochSecond();
  }

  static String hmac(byte[] key, String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> forgeries() {
    Map<String, java.util.function.Supplier<String>> rows = new LinkedHashMap<>();
    rows.put("alg none, empty signature", () -> {
      ObjectNode header = json(part(genuine, 0)).put("alg", "none");
      return encode(header) + "." + part(genuine, 1) + ".";
    });
    rows.put("alg None", () -> withHeader(h -> h.put("alg", "None")));
    rows.put("HS256 signed with the published public key (algorithm confusion)", () -> {
      ObjectNode header = json(part(genuine, 0)).put("alg", "HS256");
      String input = encode(header) + "." + part(genuine, 1);
      return input + "." + hmac(publicJwk.getBytes(StandardCharsets.UTF_8), input);
    });
    rows.put("alg swapped ES256 to RS256", () -> withHeader(h -> h.put("alg", "RS256")));
    rows.put("alg swapped ES256 to EdDSA", () -> withHeader(h -> h.put("alg", "EdDSA")));
    rows.put("signature stripped", () -> part(genuine, 0) + "." + part(genuine, 1) + ".");
    rows.put("signature truncated", () -> genuine.substring(0, genuine.length() - 10));
    rows.put("signature of another token", () -> part(genuine, 0) + "." + part(genuine, 1) + "." + part(other, 2));
    rows.put("claims edited: sub", () -> {
      ObjectNode claims = json(part(genuine, 1)).put("sub", "admin");
      return part(genuine, 0) + "." + encode(claims) + "." + part(genuine, 2);
    });
    rows.put("claims edited: exp pushed out", () -> {
      ObjectNode claims = json(part(genuine, 1));
      claims.put("exp", claims.get("exp").asLong() + 86_400);
      return part(genuine, 0) + "." + encode(claims) + "." + part(genuine, 2);
    });
    rows.put("unknown kid", () -> withHeader(h -> h.put("kid", "not-a-key-of-this-ring")));
    rows.put("no kid", () -> withHeader(h -> h.remove("kid")));
    rows.put("embedded jwk header", () -> withHeader(h -> h.set("jwk", Http.JSON.valueToTree(Map.of("kty", "oct", "k", "AAAA")))));
    rows.put("jku header", () -> withHeader(h -> h.put("jku", "https://attacker.test/jwks.json")));
    rows.put("x5u header", () -> withHeader(h -> h.put("x5u", "https://attacker.test/cert.pem")));
    rows.put("crit header", () -> withHeader(h -> h.putArray("crit").add("exp")));
    rows.put("typ JWE", () -> withHeader(h -> h.put("typ", "JWE")));
    rows.put("expired 49 hours after issue", () -> expired);
    rows.put("issued two hours in the future", () -> fromTheFuture);
    rows.put("nbf five minutes ahead, beyond the clock skew", () -> signedByTheRing(c -> c.put("nbf", inSeconds(Duration.ofMinutes(5)))));
    rows.put("nbf 90 seconds ahead, beyond the 60 s clock skew", () -> signedByTheRing(c -> c.put("nbf", inSeconds(Duration.ofSeconds(90)))));
    rows.put("another issuer", () -> signedByTheRing(claims -> claims.put("iss", "https://elsewhere.test")));
    rows.put("aud naming an audience, none expected", () -> signedByTheRing(c -> c.put("aud", "https://api.example")));
    rows.put("aud not a string", () -> signedByTheRing(c -> c.put("aud", 42)));
    rows.put("a key of another workspace", () -> otherWorkspace);
    rows.put("revoked", () -> revoked);
    rows.put("oversized", () -> "a".repeat(20_000));
    rows.put("garbage", () -> "not a token");
    rows.put("two parts", () -> part(genuine, 0) + "." + part(genuine, 1));
    rows.put("header is not JSON", () -> B64.encodeToString("{oops".getBytes(StandardCharsets.UTF_8)) + "." + part(genuine, 1) + "." + part(genuine, 2));
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("alg none, empty signature", "algorithm_not_allowed");
    reasons.put("alg None", "algorithm_not_allowed");
    reasons.put("HS256 signed with the published public key (algorithm confusion)", "algorithm_not_allowed");
    reasons.put("alg swapped ES256 to RS256", "algorithm_not_allowed");
    reasons.put("alg swapped ES256 to EdDSA", "algorithm_not_allowed");
    reasons.put("signature stripped", "bad_signature");
    reasons.put("signature truncated", "bad_signature");
    reasons.put("signature of another token", "bad_signature");
    reasons.put("claims edited: sub", "bad_signature");
    reasons.put("claims edited: exp pushed out", "bad_signature");
    reasons.put("unknown kid", "unknown_key");
    reasons.put("no kid", "unknown_key");
    reasons.put("embedded jwk header", "forbidden_header");
    reasons.put("jku header", "forbidden_header");
    reasons.put("x5u header", "forbidden_header");
    reasons.put("crit header", "forbidden_header");
    reasons.put("typ JWE", "wrong_type");
    reasons.put("expired 49 hours after issue", "expired");
    reasons.put("issued two hours in the future", "not_yet_valid");
    reasons.put("nbf five minutes ahead, beyond the clock skew", "not_yet_valid");
    reasons.put("nbf 90 seconds ahead, beyond the 60 s clock skew", "not_yet_valid");
    reasons.put("another issuer", "wrong_issuer");
    reasons.put("aud naming an audience, none expected", "wrong_audience");
    reasons.put("aud not a string", "malformed");
    reasons.put("a key of another workspace", "unknown_key");
    reasons.put("revoked", "revoked");
    reasons.put("oversized", "too_large");
    reasons.put("garbage", "malformed");
    reasons.put("two parts", "malformed");
    reasons.put("header is not JSON", "malformed");
    return rows.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue(), reasons.get(e.getKey())));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("forgeries")
  void each_forgery_is_refused_with_its_reason(
      String name, java.util.function.Supplier<String> forgery, String reason) {
    JsonNode answer = verify(forgery.get());

    assertThat(answer.get("valid").asBoolean()).as(name).isFalse();
    assertThat(answer.get("reason").asText()).as(name).isEqualTo(reason);
  }

  @Test
  void a_ring_signed_nbf_within_the_clock_skew_is_accepted() {
    long nbf = inSeconds(Duration.ofSeconds(30));
    JsonNode answer = verify(signedByTheRing(c -> c.put("nbf", nbf)));

    assertThat(answer.get("valid").asBoolean()).as("%s", answer).isTrue();
    assertThat(answer.get("claims").get("nbf").asLong()).isEqualTo(nbf);
  }

  @Test
  void a_ring_signed_aud_is_accepted_only_when_its_audience_is_expected() {
    String token =
        signedByTheRing(c -> c.putArray("aud").add("https://api.example").add("https://b.example"));

    assertThat(verify(token, "https://b.example").get("valid").asBoolean()).isTrue();
    assertThat(verify(token, "https://elsewhere.example").get("reason").asText())
        .isEqualTo("wrong_audience");
    assertThat(verify(genuine, "https://api.example").get("reason").asText())
        .as("tokenmint's own tokens name no audience")
        .isEqualTo("wrong_audience");
  }
}
