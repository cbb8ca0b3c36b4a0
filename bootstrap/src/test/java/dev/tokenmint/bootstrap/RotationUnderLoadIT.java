package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.jdbc.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Keys rotate while two instances on one database mint concurrently: every token, old or new,
 * verifies against the JWKS of either instance, fetched after it was minted; an instance signing
 * with the active key it remembers (TOKENMINT_KEY_CACHE_SECONDS) never signs with one the JWKS
 * lacks.
 */
class RotationUnderLoadIT {

  static final String API_KEY = "tmk_rotation_load";
  static final String AUTH_TOKEN = "tmat_rotation_load_admin_0123456789abc";
  static final int MINTS = 240;
  static final int ROTATIONS = 3;

  private static Settings settings(TestPostgres.Schema schema, String masterKey) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("rotation").toString());
    env.put("TOKENMINT_ISSUER", "https://rotation.test");
    env.put("TOKENMINT_DB_URL", schema.jdbcUrl());
    schema.user().ifPresent(user -> env.put("TOKENMINT_DB_USER", user));
    schema.password().ifPresent(password -> env.put("TOKENMINT_DB_PASSWORD", password));
    env.put("TOKENMINT_MASTER_KEY", masterKey);
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    return Settings.fromEnvironment(env);
  }

  /** The kid of a token minted through {@code minter}, verified against {@code verifier}'s JWKS. */
  private static String mintedKid(Http minter, Http verifier) {
    String token =
        minter
            .post("/v2/auth/generate_token", "{\"userId\":\"after\"}")
            .body()
            .get("result")
            .get("data")
            .get("token")
            .asText();
    return VeltEndToEndIT.verify(token, verifier).getHeader().getKeyId();
  }

  @Test
  void no_token_ever_fails_verification_while_keys_rotate_under_load() throws Exception {
    String masterKey = MasterKey.generate().toBase64();
    // Both instances on one clock that moves only when the test moves it: the key cache runs out
    // when the test says, not when the machine is slow enough.
    TwoInstancesIT.SteppedClock clock =
        new TwoInstancesIT.SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Tokenmint a = Tokenmint.start(settings(schema, masterKey), clock);
        Tokenmint b = Tokenmint.start(settings(schema, masterKey), clock)) {
      List<Http> instances =
          List.of(new Http(a.port(), API_KEY, AUTH_TOKEN), new Http(b.port(), API_KEY, AUTH_TOKEN));
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<String> kids = ConcurrentHashMap.newKeySet();
      AtomicInteger minted = new AtomicInteger();
      List<String> earlyTokens = new CopyOnWriteArrayList<>();

      int rotateEvery = MINTS / (ROTATIONS + 1);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> work = new ArrayList<>();
      for (int worker = 0; worker < 3; worker++) {
        int offset = worker;
        work.add(
            pool.submit(
                () -> {
                  // bounded: each worker makes at most its share of the attempts
                  for (int i = offset; i < 2 * MINTS && minted.get() < MINTS; i += 3) {
                    Http minter = instances.get(i % 2);
                    Http verifier = instances.get((i + 1) % 2);
                    try {
                      Http.Reply reply =
                          minter.post("/v2/auth/generate_token", "{\"userId\":\"load-" + i + "\"}");
                      if (reply.status() != 200) {
                        failures.add("mint answered " + reply.status() + ": " + reply.raw().body());
                        continue;
                      }
                      String token = reply.body().get("result").get("data").get("token").asText();
                      kids.add(VeltEndToEndIT.verify(token, verifier).getHeader().getKeyId());
                      int count = minted.incrementAndGet();
                      if (count < 10) {
                        earlyTokens.add(token);
                      }
                      if (count % rotateEvery == 0 && count < MINTS) {
                        // rotate through alternating instances while the other workers mint on
                        Http.Reply rotated =
                            instances.get(count / rotateEvery % 2).post("/v2/keys/rotate", "{}");
                        if (rotated.status() != 200) {
                          failures.add("rotate answered " + rotated.status());
                        }
                      }
                    } catch (RuntimeException | AssertionError e) {
                      failures.add(e.toString());
                    }
                  }
                }));
      }
      for (Future<?> future : work) {
        future.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();

      assertThat(failures).isEmpty();
      assertThat(kids)
          .as("tokens were signed by every key of the rotations")
          .hasSize(ROTATIONS + 1);
      for (String token : earlyTokens) {
        for (Http instance : instances) {
          assertThat(VeltEndToEndIT.verify(token, instance).getPayload().getSubject())
              .startsWith("load-");
        }
      }
      // The instance that rotates signs with the new key at once; the other within
      // TOKENMINT_KEY_CACHE_SECONDS (1 s by default), with the key it remembered until then,
      // which every instance still publishes.
      String newest =
          instances
              .get(0)
              .post("/v2/keys/rotate", "{}")
              .body()
              .get("result")
              .get("data")
              .get("kid")
              .asText();
      assertThat(mintedKid(instances.get(0), instances.get(1)))
          .as("the rotating instance signs with the newest key at once")
          .isEqualTo(newest);
      mintedKid(instances.get(1), instances.get(0)); // whichever key it remembers verifies
      clock.advance(Duration.ofSeconds(1));
      for (Http instance : instances) {
        assertThat(mintedKid(instance, instance))
            .as("every instance signs with the newest key within the key cache")
            .isEqualTo(newest);
      }
    }
  }
}
