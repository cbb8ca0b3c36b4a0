package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Datafor's generateAuthorization through a real server. */
class DataforEndToEndIT {

  static final String PATH = "/plugin/datafor-modeler/api/token/generateAuthorization";
  static final String API_KEY = "tmk_e2e_datafor";
  static final String AUTH_TOKEN = "tmat_e2e_datafor_admin_0123456789abcdef";
  static final String PASSWORD = "correct-horse-battery-staple";

  /** The response example of seeds/003_9fc40a5f75870747.txt. */
  static final String SEED_TOKEN =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJFUlAiOiJhZG1pbiIsImV4cCI6MTcyMzAxNTkxNn0"
          + ".uEmUwBfNAd5FtzjPPrldU9bierng7fd8rCVlZtVPY2k";

  static String request(String privateKey) {
    return """
        {"name":"ERP","privateKey":"%s",
         "payload":{"username":"admin","name":"ERP","roles":["SYS_CREATOR","Manager"],
                    "inituser":"string","password":"%s","company":"ACME","dept":"Sales",
                    "email":"admin@example.com","description":"d","title":"t","dob":"1990-01-01","mobile":"+1 555"}}
        """
        .formatted(privateKey, PASSWORD);
  }

  static Tokenmint start(boolean legacy, Clock clock) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("datafor-e2e").toString());
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TOKENMINT_LEGACY_SHORT_HMAC_KEYS", String.valueOf(legacy));
    return Tokenmint.start(Settings.fromEnvironment(env), clock);
  }

  @Test
  void a_256_bit_key_mints_an_hs256_token_with_only_name_and_exp_valid_for_86400_seconds() {
    String key = "0123456789abcdef0123456789abcdef";
    try (Tokenmint tokenmint = start(false, Clock.systemUTC())) {
      Http.Reply reply = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN).post(PATH, request(key));

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body().get("success").asBoolean()).isTrue();
      assertThat(reply.body().get("expire").asLong()).isEqualTo(86_400);
      assertThat(reply.body().size()).isEqualTo(3);
      String token = reply.body().get("token").asText();
      Claims claims =
          Jwts.parser()
              .verifyWith(Keys.hmacShaKeyFor(key.getBytes(StandardCharsets.UTF_8)))
              .build()
              .parseSignedClaims(token)
              .getPayload();
      assertThat(claims).containsOnlyKeys("ERP", "exp");
      assertThat(claims.get("ERP")).isEqualTo("admin");
      long lifetime =
          claims.getExpiration().toInstant().getEpochSecond() - Instant.now().getEpochSecond();
      assertThat(lifetime).isBetween(86_390L, 86_400L);
      assertThat(reply.raw().body()).doesNotContain(PASSWORD).doesNotContain(key);
      assertThat(decodedPayload(token)).doesNotContain(PASSWORD);
    }
  }

  @Test
  void a_4_byte_key_is_refused_in_the_datafor_envelope_explaining_the_256_bit_rule() {
    try (Tokenmint tokenmint = start(false, Clock.systemUTC())) {
      Http.Reply reply =
          new Http(tokenmint.port(), API_KEY, AUTH_TOKEN).post(PATH, request("abcd"));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.body().get("success").asBoolean()).isFalse();
      assertThat(reply.body().size()).isEqualTo(3);
      assertThat(reply.body().get("requestId").asText())
          .isEqualTo(reply.raw().headers().firstValue("X-Request-Id").orElseThrow());
      assertThat(reply.body().get("message").asText())
          .startsWith("privateKey: ")
          .contains("256 bits")
          .contains("RFC 7518")
          .doesNotContain("abcd");
    }
  }

  @Test
  void in_legacy_mode_the_seed_example_reproduces_exactly_and_verifies_with_abcd()
      throws Exception {
    Clock atSeedTime = Clock.fixed(Instant.ofEpochSecond(1_723_015_916L - 86_400), ZoneOffset.UTC);
    try (Tokenmint tokenmint = start(true, atSeedTime)) {
      Http.Reply reply =
          new Http(tokenmint.port(), API_KEY, AUTH_TOKEN).post(PATH, request("abcd"));

      assertThat(reply.status()).isEqualTo(200);
      String token = reply.body().get("token").asText();
      assertThat(token).isEqualTo(SEED_TOKEN);
      String[] parts = token.split("\\.");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec("abcd".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected =
          mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
    }
  }

  @Test
  void the_seed_example_stays_byte_exact_for_a_user_with_stored_attributes() {
    Clock atSeedTime = Clock.fixed(Instant.ofEpochSecond(1_723_015_916L - 86_400), ZoneOffset.UTC);
    try (Tokenmint tokenmint = start(true, atSeedTime)) {
      Http http = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN);
      Http.Reply stored =
          http.post(
              "/v2/users/add",
              "{\"organizationId\": \"org_1\", \"users\": [{\"userId\": \"admin\","
                  + " \"attributes\": {\"region\": \"EU\", \"clearance\": 3}}]}");
      assertThat(stored.body().get("result").get("data").get("admin").get("success").asBoolean())
          .isTrue();

      Http.Reply reply = http.post(PATH, request("abcd"));

      assertThat(reply.body().get("token").asText()).isEqualTo(SEED_TOKEN);
    }
  }

  private static String decodedPayload(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }
}
