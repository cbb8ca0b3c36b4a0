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
    return client
        .post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1)
        .body()
        .get("result")
        .get("data")
        .get("token")
        .asText();
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
      otherWorkspace =
          token(new Http(instance.port(), issued.workspace().apiKey(), issued.authToken()));
    }
    server = Tokenmint.start(Settings.fromEnvironment(env(Map.of())), now);
    http = new Http(server.port(), API_KEY, AUTH_TOKEN);
    genuine = token(http);
    other = token(http);
    revoked = token(http);
    assertThat(http.post("/v2/auth/revoke_token", "{\"token\":\"" + revoked + "\"}").status())
        .isEqualTo(200);
    publicJwk = http.get("/.well-known/jwks.json").body().get("keys").get(0).toString();
    Settings settings = Settings.fromEnvironment(env(Map.of()));
    try (var admin = Tokenmint.administer(settings, now)) {
      String kid = json(part(genuine, 0)).get("kid").asText();
      ringKey =
          admin
              .keys()
              .verifyingKeys(admin.operatorOf(API_KEY).workspace().id(), now.instant())
              .stream()
              .filter(key -> key.kid().equals(kid))
              .findFirst()
              .orElseThrow();
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
    rows.put(
        "alg none, empty signature",
        () -> {
          ObjectNode header = json(part(genuine, 0)).put("alg", "none");
          return encode(header) + "." + part(genuine, 1) + ".";
        });
    rows.put("alg None", () -> withHeader(h -> h.put("alg", "None")));
    rows.put(
        "HS256 signed with the published public key (algorithm confusion)",
        () -> {
          ObjectNode header = json(part(genuine, 0)).put("alg", "HS256");
          String input = encode(header) + "." + part(genuine, 1);
          return input + "." + hmac(publicJwk.getBytes(StandardCharsets.UTF_8), input);
        });
    rows.put("alg swapped ES256 to RS256", () -> withHeader(h -> h.put("alg", "RS256")));
    rows.put("alg swapped ES256 to EdDSA", () -> withHeader(h -> h.put("alg", "EdDSA")));
    rows.put("signature stripped", () -> part(genuine, 0) + "." + part(genuine, 1) + ".");
    rows.put("signature truncated", () -> genuine.substring(0, genuine.length() - 10));
    rows.put(
        "signature of another token",
        () -> part(genuine, 0) + "." + part(genuine, 1) + "." + part(other, 2));
    rows.put(
        "claims edited: sub",
        () -> {
          ObjectNode claims = json(part(genuine, 1)).put("sub", "admin");
          return part(genuine, 0) + "." + encode(claims) + "." + part(genuine, 2);
        });
    rows.put(
        "claims edited: exp pushed out",
        () -> {
          ObjectNode claims = json(part(genuine, 1));
          claims.put("exp", claims.get("exp").asLong() + 86_400);
          return part(genuine, 0) + "." + encode(claims) + "." + part(genuine, 2);
        });
    rows.put("unknown kid", () -> withHeader(h -> h.put("kid", "not-a-key-of-this-ring")));
    rows.put("no kid", () -> withHeader(h -> h.remove("kid")));
    rows.put(
        "embedded jwk header",
        () ->
            withHeader(
                h -> h.set("jwk", Http.JSON.valueToTree(Map.of("kty", "oct", "k", "AAAA")))));
    rows.put("jku header", () -> withHeader(h -> h.put("jku", "https://attacker.test/jwks.json")));
    rows.put("x5u header", () -> withHeader(h -> h.put("x5u", "https://attacker.test/cert.pem")));
    rows.put("crit header", () -> withHeader(h -> h.putArray("crit").add("exp")));
    rows.put("typ JWE", () -> withHeader(h -> h.put("typ", "JWE")));
    rows.put("expired 49 hours after issue", () -> expired);
    rows.put("issued two hours in the future", () -> fromTheFuture);
    rows.put(
        "nbf five minutes ahead, beyond the clock skew",
        () -> signedByTheRing(c -> c.put("nbf", inSeconds(Duration.ofMinutes(5)))));
    rows.put(
        "nbf 90 seconds ahead, beyond the 60 s clock skew",
        () -> signedByTheRing(c -> c.put("nbf", inSeconds(Duration.ofSeconds(90)))));
    rows.put(
        "another issuer",
        () -> signedByTheRing(claims -> claims.put("iss", "https://elsewhere.test")));
    rows.put(
        "aud naming an audience, none expected",
        () -> signedByTheRing(c -> c.put("aud", "https://api.example")));
    rows.put("aud not a string", () -> signedByTheRing(c -> c.put("aud", 42)));
    rows.put("a key of another workspace", () -> otherWorkspace);
    rows.put("revoked", () -> revoked);
    rows.put("oversized", () -> "a".repeat(20_000));
    rows.put("garbage", () -> "not a token");
    rows.put("two parts", () -> part(genuine, 0) + "." + part(genuine, 1));
    rows.put(
        "header is not JSON",
        () ->
            B64.encodeToString("{oops".getBytes(StandardCharsets.UTF_8))
                + "."
                + part(genuine, 1)
                + "."
                + part(genuine, 2));
    // RFC 8725 §3.6 and §3.11: no compression, explicit typing
    rows.put("zip header", () -> withHeader(h -> h.put("zip", "DEF")));
    rows.put("typ missing", () -> withHeader(h -> h.remove("typ")));
    rows.put("typ at+jwt", () -> withHeader(h -> h.put("typ", "at+jwt")));
    // The claims every token carries, with their types, and the profile's lifetime (RFC 8725 §3.12)
    rows.put("jti missing", () -> signedByTheRing(c -> c.remove("jti")));
    rows.put("jti a number", () -> signedByTheRing(c -> c.put("jti", 42)));
    rows.put("iat missing", () -> signedByTheRing(c -> c.remove("iat")));
    rows.put(
        "nbf a string far ahead",
        () -> signedByTheRing(c -> c.put("nbf", String.valueOf(inSeconds(Duration.ofDays(1))))));
    rows.put(
        "exp 48 h + 2 min after iat",
        () -> signedByTheRing(c -> c.put("exp", c.get("iat").asLong() + 48 * 3600 + 120)));
    rows.put(
        "iat 48 h + 2 min ago, exp still ahead",
        () ->
            signedByTheRing(
                c ->
                    c.put("iat", inSeconds(Duration.ofHours(-48).minusMinutes(2)))
                        .put("exp", inSeconds(Duration.ofSeconds(30)))));
    // A grant whose expiry does not read as integer seconds fails the token (it is not "no expiry")
    rows.put("grant expiresAt \"1\"", () -> withGrantExpiry(g -> g.put("expiresAt", "1")));
    rows.put("grant expiresAt true", () -> withGrantExpiry(g -> g.put("expiresAt", true)));
    rows.put("grant expiresAt [1]", () -> withGrantExpiry(g -> g.putArray("expiresAt").add(1)));
    rows.put("grant expiresAt -1", () -> withGrantExpiry(g -> g.put("expiresAt", -1)));
    rows.put(
        "grant expiresAt 2^63 - 1", () -> withGrantExpiry(g -> g.put("expiresAt", Long.MAX_VALUE)));
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("alg none, empty signature", "algorithm_not_allowed");
    reasons.put("alg None", "algorithm_not_allowed");
    reasons.put(
        "HS256 signed with the published public key (algorithm confusion)",
        "algorithm_not_allowed");
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
    reasons.put("zip header", "forbidden_header");
    reasons.put("typ missing", "wrong_type");
    reasons.put("typ at+jwt", "wrong_type");
    reasons.put("jti missing", "malformed");
    reasons.put("jti a number", "malformed");
    reasons.put("iat missing", "malformed");
    reasons.put("nbf a string far ahead", "malformed");
    reasons.put("exp 48 h + 2 min after iat", "malformed");
    reasons.put("iat 48 h + 2 min ago, exp still ahead", "expired");
    reasons.put("grant expiresAt \"1\"", "malformed");
    reasons.put("grant expiresAt true", "malformed");
    reasons.put("grant expiresAt [1]", "malformed");
    reasons.put("grant expiresAt -1", "malformed");
    reasons.put("grant expiresAt 2^63 - 1", "malformed");
    return rows.entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue(), reasons.get(e.getKey())));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("forgeries")
  void each_forgery_is_refused_with_its_reason(
      String name, java.util.function.Supplier<String> forgery, String reason) {
    JsonNode answer = verify(forgery.get());

    assertThat(answer.get("valid").asBoolean()).as(name).isFalse();
    assertThat(answer.get("reason").asText()).as(name).isEqualTo(reason);
  }

  /** The same forgeries through RFC 7662 introspection: each exactly {@code {"active": false}}. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void each_forgery_introspects_as_exactly_inactive(
      String name, java.util.function.Supplier<String> forgery, String reason) {
    Http.Reply reply = http.form("/oauth2/introspect", "token=" + encode(forgery.get()), true);

    assertThat(reply.status()).as(name).isEqualTo(200);
    assertThat(reply.raw().body()).as(name).isEqualTo("{\"active\":false}");
  }

  /**
   * The same forgeries as the subject of an RFC 8693 exchange: each {@code invalid_request}, as its
   * §2.2.2 requires of a subject token invalid for any reason.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void each_forgery_is_refused_as_the_subject_of_an_exchange(
      String name, java.util.function.Supplier<String> forgery, String reason) {
    Http.Reply reply =
        http.form(
            "/oauth2/token",
            "grant_type="
                + encode("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token="
                + encode(forgery.get())
                + "&subject_token_type="
                + encode("urn:ietf:params:oauth:token-type:jwt")
                + "&authorization_details="
                + encode("[]"),
            false);

    assertThat(reply.status()).as(name).isEqualTo(400);
    assertThat(reply.body().get("error").asText()).as(name).isEqualTo("invalid_request");
    assertThat(reply.body().get("error_description").asText()).as(name).contains(reason);
  }

  static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Stream<Arguments> unreadableGrantExpiries() {
    return Stream.of(
        Arguments.of(
            "\"1\"", (java.util.function.Consumer<ObjectNode>) g -> g.put("expiresAt", "1")),
        Arguments.of(
            "true", (java.util.function.Consumer<ObjectNode>) g -> g.put("expiresAt", true)),
        Arguments.of(
            "[1]", (java.util.function.Consumer<ObjectNode>) g -> g.putArray("expiresAt").add(1)),
        Arguments.of("-1", (java.util.function.Consumer<ObjectNode>) g -> g.put("expiresAt", -1)),
        Arguments.of("0", (java.util.function.Consumer<ObjectNode>) g -> g.put("expiresAt", 0)),
        Arguments.of(
            "9223372036854775807",
            (java.util.function.Consumer<ObjectNode>) g -> g.put("expiresAt", Long.MAX_VALUE)));
  }

  /**
   * check_access on the genuine token's organization grant, its expiresAt replaced: read as "no
   * expiry" it would answer viewer; it answers that the token is malformed, and no access.
   */
  @ParameterizedTest(name = "expiresAt {0}")
  @MethodSource("unreadableGrantExpiries")
  void check_access_fails_closed_on_a_grant_expiry_that_does_not_read(
      String name, java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode body =
        Http.JSON
            .createObjectNode()
            .put("token", withGrantExpiry(edit))
            .put("type", "organization")
            .put("id", "org_123");
    ObjectNode control = body.deepCopy().put("token", genuine);

    Http.Reply reply = http.post("/v2/auth/check_access", body.toString());
    JsonNode answer = reply.body().get("result").get("data");

    assertThat(
            http.post("/v2/auth/check_access", control.toString())
                .body()
                .get("result")
                .get("data")
                .get("accessRole")
                .asText())
        .as("the genuine token's grant decides")
        .isEqualTo("viewer");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(answer.get("valid").asBoolean()).isFalse();
    assertThat(answer.get("accessRole").asText()).isEqualTo("none");
    assertThat(answer.get("reason").asText()).isEqualTo("malformed");
    assertThat(answer.get("message").asText()).contains("permissions.resources[0].expiresAt");
  }

  /**
   * ECDSA's (r, n − s) verifies wherever (r, s) does, and tokenmint's own signers produce either.
   * Accepting both is safe because a token is known by its jti, never by its bytes: the twin of a
   * revoked token is revoked.
   */
  @Test
  void a_high_s_twin_of_a_token_is_the_same_token() {
    assertThat(json(part(genuine, 0)).get("alg").asText()).isEqualTo("ES256");

    assertThat(verify(withOtherS(genuine)).get("valid").asBoolean()).isTrue();
    assertThat(verify(withOtherS(revoked)).get("reason").asText()).isEqualTo("revoked");
  }

  /** The genuine token's first grant changed by {@code edit}, signed by the ring. */
  static String withGrantExpiry(java.util.function.Consumer<ObjectNode> edit) {
    return signedByTheRing(
        c -> edit.accept((ObjectNode) c.get("permissions").get("resources").get(0)));
  }

  /** The order of P-256's group. */
  static final java.math.BigInteger P256_ORDER =
      new java.math.BigInteger(
          "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  /** {@code token} (ES256, r || s) with s replaced by n − s. */
  static String withOtherS(String token) {
    byte[] signature = B64D.decode(part(token, 2));
    java.math.BigInteger s =
        new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
    byte[] other = P256_ORDER.subtract(s).toByteArray();
    byte[] twin = java.util.Arrays.copyOf(signature, 64);
    java.util.Arrays.fill(twin, 32, 64, (byte) 0);
    int length = Math.min(other.length, 32);
    System.arraycopy(other, other.length - length, twin, 64 - length, length);
    return part(token, 0) + "." + part(token, 1) + "." + B64.encodeToString(twin);
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
