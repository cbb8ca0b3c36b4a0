package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.jdbc.TcpProxy;
import dev.tokenmint.adapter.jdbc.TestPostgres;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database that goes away gives 503 and an unready service; when it returns, service resumes. */
class DatabaseOutageIT {

  static final String API_KEY = "tmk_outage";
  static final String AUTH_TOKEN = "tmat_outage_admin_0123456789abcdefghijk";

  @Test
  void an_outage_answers_503_unavailable_and_the_service_recovers_by_itself() {
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        TcpProxy proxy = TcpProxy.start(schema.host(), schema.port())) {
      Map<String, String> env = new HashMap<>();
      env.put("TOKENMINT_PORT", "0");
      env.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("outage").toString());
      env.put("TOKENMINT_DB_URL", schema.jdbcUrlVia("127.0.0.1", proxy.port()));
      schema.user().ifPresent(user -> env.put("TOKENMINT_DB_USER", user));
      schema.password().ifPresent(password -> env.put("TOKENMINT_DB_PASSWORD", password));
      env.put("TOKENMINT_MASTER_KEY", MasterKey.generate().toBase64());
      env.put("TOKENMINT_API_KEY", API_KEY);
      env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);

      try (Tokenmint tokenmint =
          Tokenmint.start(Settings.fromEnvironment(env), Clock.systemUTC())) {
        Http http = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN);
        assertThat(http.post("/v2/auth/generate_token", "{\"userId\":\"u\"}").status())
            .isEqualTo(200);

        proxy.cut();
        Http.Reply down = http.post("/v2/auth/generate_token", "{\"userId\":\"u\"}");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().get("error").get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(down.body().get("error").get("message").asText())
            .isEqualTo("the database is unavailable")
            .doesNotContain(String.valueOf(proxy.port()));
        Http.Reply ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().get("status").asText()).isEqualTo("DOWN");
        assertThat(http.get("/health/live").status()).isEqualTo(200);

        proxy.restore();
        Http.Reply back = down;
        for (int attempt = 0; attempt < 20 && back.status() != 200; attempt++) {
          back = http.post("/v2/auth/generate_token", "{\"userId\":\"u\"}");
        }
        assertThat(back.status()).as("recovered without a restart").isEqualTo(200);
        assertThat(http.get("/health/ready").status()).isEqualTo(200);
      }
    }
  }
}
