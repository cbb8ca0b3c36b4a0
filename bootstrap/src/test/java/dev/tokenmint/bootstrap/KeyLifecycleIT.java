package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rotated key keeps verifying, and stays in the JWKS, for the longest token lifetime plus the
 * clock skew plus the key cache (an instance may sign with it that long after the rotation) after
 * the rotation, and not a second longer: instances on one data directory with clocks set to the
 * moments around the end of the overlap.
 */
class KeyLifecycleIT {

  static final String API_KEY = "tmk_lifecycle";
  static final String AUTH_TOKEN = "tmat_lifecycle_admin_0123456789abcdefgh";
  // 48 h lifetime, 60 s TOKENMINT_CLOCK_SKEW_SECONDS, 60 s: the most TOKENMINT_KEY_CACHE_SECONDS
  // allows any instance
  static final Duration OVERLAP = Duration.ofHours(48).plusSeconds(60).plusSeconds(60);

  private final Path dataDir = TestDirectories.fresh("lifecycle");

  private Tokenmint at(Instant now) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_DATA_DIR", dataDir.toString());
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    return Tokenmint.start(Settings.fromEnvironment(env), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static List<String> kids(Http http) {
    List<String> kids = new ArrayList<>();
    http.get("/.well-known/jwks.json")
        .body()
        .get("keys")
        .forEach(key -> kids.add(key.get("kid").asText()));
    return kids;
  }

  private static JsonNode verify(Http http, String token) {
    return http.post("/v2/auth/verify_token", "{\"token\":\"" + token + "\"}")
        .body()
        .get("result")
        .get("data");
  }

  @Test
  void a_rotated_key_verifies_and_is_published_until_its_overlap_ends() {
    Instant start =
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofDays(3));
    String oldKid;
    String newKid;
    String signedByOld;
    Instant rotatedAt = start.plusSeconds(60);
    try (Tokenmint first = at(start)) {
      Http http = new Http(first.port(), API_KEY, AUTH_TOKEN);
      oldKid = kids(http).get(0);
      signedByOld =
          http.post("/v2/auth/generate_token", "{\"userId\":\"u\"}")
              .body()
              .get("result")
              .get("data")
              .get("token")
              .asText();
    }
    try (Tokenmint rotating = at(rotatedAt)) {
      Http http = new Http(rotating.port(), API_KEY, AUTH_TOKEN);
      newKid =
          http.post("/v2/keys/rotate", "{}").body().get("result").get("data").get("kid").asText();
      assertThat(kids(http)).containsExactlyInAnyOrder(oldKid, newKid);
      assertThat(verify(http, signedByOld).get("valid").asBoolean()).isTrue();
    }
    try (Tokenmint justBefore = at(rotatedAt.plus(OVERLAP).minusSeconds(1))) {
      Http http = new Http(justBefore.port(), API_KEY, AUTH_TOKEN);
      assertThat(kids(http)).containsExactlyInAnyOrder(oldKid, newKid);
      JsonNode keys = http.post("/v2/keys/get", "{}").body().get("result").get("data").get("keys");
      assertThat(keys.get(1).get("status").asText()).isEqualTo("retiring");
      assertThat(keys.get(1).get("verifiesUntil").asLong())
          .isEqualTo(rotatedAt.plus(OVERLAP).getEpochSecond());
    }
    try (Tokenmint after = at(rotatedAt.plus(OVERLAP))) {
      Http http = new Http(after.port(), API_KEY, AUTH_TOKEN);
      assertThat(kids(http)).containsExactly(newKid);
      JsonNode keys = http.post("/v2/keys/get", "{}").body().get("result").get("data").get("keys");
      assertThat(keys.get(1).get("status").asText()).isEqualTo("retired");
      assertThat(verify(http, signedByOld).get("reason").asText()).isIn("expired", "unknown_key");
    }
  }
}
