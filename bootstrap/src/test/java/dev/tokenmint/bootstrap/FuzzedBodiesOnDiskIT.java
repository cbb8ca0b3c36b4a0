package dev.tokenmint.bootstrap;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.http.FuzzedBodies;
import dev.tokenmint.adapter.http.FuzzedBodies.Request;
import dev.tokenmint.adapter.jdbc.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.opentest4j.TestAbortedException;

/**
 * The same fuzzed bodies as the HTTP adapter's fuzzing, sent to the whole service on its real
 * databases, the embedded H2 file and PostgreSQL (when the tests have one): what the stores refuse
 * (a value too long for a column, a character the database does not take) must be a 4xx, never a
 * 5xx.
 */
class FuzzedBodiesOnDiskIT {

  private static final String API_KEY = "tmk_fuzzed";
  private static final String AUTH_TOKEN = "tmat_fuzzed_admin_0123456789abcdefghijk";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final List<Tokenmint> INSTANCES = new ArrayList<>();
  private static final List<AutoCloseable> RESOURCES = new ArrayList<>();

  @BeforeContainer
  static void start() {
    Map<String, String> h2 = new HashMap<>();
    h2.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("fuzzed").toString());
    INSTANCES.add(Tokenmint.start(settings(h2), Clock.systemUTC()));
    try {
      TestPostgres.Schema schema = TestPostgres.freshSchema();
      RESOURCES.add(schema);
      Map<String, String> postgres = new HashMap<>();
      postgres.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("fuzzed-pg").toString());
      postgres.put("TOKENMINT_DB_URL", schema.jdbcUrl());
      schema.user().ifPresent(user -> postgres.put("TOKENMINT_DB_USER", user));
      schema.password().ifPresent(password -> postgres.put("TOKENMINT_DB_PASSWORD", password));
      postgres.put("TOKENMINT_MASTER_KEY", MasterKey.generate().toBase64());
      INSTANCES.add(Tokenmint.start(settings(postgres), Clock.systemUTC()));
    } catch (TestAbortedException e) {
      // no PostgreSQL for the tests (TestPostgres said why): the H2 file alone
    }
  }

  private static Settings settings(Map<String, String> env) {
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    return Settings.fromEnvironment(env);
  }

  @AfterContainer
  static void stop() throws Exception {
    for (Tokenmint instance : INSTANCES) {
      instance.close();
    }
    for (AutoCloseable resource : RESOURCES) {
      resource.close();
    }
  }

  @Property(tries = 600, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void no_body_gets_a_server_error_from_the_stores(
      @ForAll("requests") Request request, @ForAll("instances") int instance)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + INSTANCES.get(instance).port()
                            + request.route().path()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("x-velt-api-key", API_KEY)
                .header("x-velt-auth-token", AUTH_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    Statistics.label("answers")
        .collect(instance == 0 ? "H2" : "PostgreSQL", response.statusCode() / 100 + "xx");

    FuzzedBodies.assertAnswered(request, response.statusCode(), response.body());
  }

  @Provide
  Arbitrary<Request> requests() {
    return FuzzedBodies.requests();
  }

  @Provide
  Arbitrary<Integer> instances() {
    return Arbitraries.integers().between(0, INSTANCES.size() - 1);
  }
}
