package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.jdbc.TcpProxy;
import dev.tokenmint.adapter.jdbc.TestPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No secret reaches a log line (docs/operations.md, "Logs"): neither a Datafor payload's {@code
 * password}, nor the request's {@code privateKey}, nor a caller's auth token (right or wrong), nor a
 * minted token. Every logger of the real server runs at TRACE while requests carrying them succeed,
 * fail validation, and fail on a database that went away; every captured event is searched whole:
 * message, arguments, MDC, key-value pairs, markers and the throwable chain.
 */
class SecretsStayOutOfLogsIT {

  static final String PATH = DataforEndToEndIT.PATH;
  static final String API_KEY = "tmk_logs";
  static final String AUTH_TOKEN = "tmat_logs_admin_6b2e9f4a1c7d3e8b5a0f2c9d";
  static final String WRONG_AUTH_TOKEN = "tmat_logs_wrong_8c1f5a3e9b7d2c6a4e0f1b3d";
  static final String PASSWORD = "pw-3f1d9c7e-never-logged";
  static final String PRIVATE_KEY = "pk-a9e4c2b7d5f1e3a8c6b4d2f0e9a7c5b3";
  static final String SHORT_KEY = "k9x!";

  @Test
  void success_and_validation_failures_log_no_password_private_key_auth_token_or_token() {
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, PRIVATE_KEY, SHORT_KEY, AUTH_TOKEN, WRONG_AUTH_TOKEN));
    List<ILoggingEvent> events;
    try (CapturedLogs logs = CapturedLogs.everything();
        Tokenmint tokenmint = Tokenmint.start(settings(Map.of()), Clock.systemUTC())) {
      Http admin = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN);

      Http.Reply minted = admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com"));
      assertThat(minted.status()).as("%s", minted.body()).isEqualTo(200);
      secrets.add(minted.body().get("token").asText());

      Http.Reply velt = admin.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1);
      assertThat(velt.status()).isEqualTo(200);
      secrets.add(velt.body().get("result").get("data").get("token").asText());

      assertThat(admin.post(PATH, datafor(SHORT_KEY, "admin@example.com")).status())
          .as("a 4-byte key is refused")
          .isEqualTo(400);
      assertThat(admin.post(PATH, datafor(PRIVATE_KEY, "not an address")).status())
          .as("a bad email is refused")
          .isEqualTo(400);
      assertThat(admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com").replace("\"name\":\"ERP\",", "\"name\":7,")).status())
          .as("a wrong JSON type is refused")
          .isEqualTo(400);
      assertThat(admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com") + "}").status())
          .as("broken JSON is refused")
          .isEqualTo(400);
      assertThat(admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com").replace("\"name\":\"ERP\",", "\"nmae\":\"ERP\",")).status())
          .as("an unknown field is refused")
          .isEqualTo(400);
      Http wrong = new Http(tokenmint.port(), API_KEY, WRONG_AUTH_TOKEN);
      assertThat(wrong.post(PATH, datafor(PRIVATE_KEY, "admin@example.com")).status())
          .as("a wrong auth token is refused")
          .isEqualTo(401);
      events = logs.events();
    }

    assertCaptured(events, "org.eclipse.jetty", Level.DEBUG);
    assertNoSecretIn(events, secrets);
  }

  @Test
  void a_database_failure_logs_its_cause_but_no_password_private_key_auth_token_or_master_key() {
    String masterKey = MasterKey.generate().toBase64();
    List<ILoggingEvent> events;
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        TcpProxy proxy = TcpProxy.start(schema.host(), schema.port())) {
      Map<String, String> postgres = new HashMap<>();
      postgres.put("TOKENMINT_DB_URL", schema.jdbcUrlVia("127.0.0.1", proxy.port()));
      schema.user().ifPresent(user -> postgres.put("TOKENMINT_DB_USER", user));
      schema.password().ifPresent(password -> postgres.put("TOKENMINT_DB_PASSWORD", password));
      postgres.put("TOKENMINT_MASTER_KEY", masterKey);
      try (CapturedLogs logs = CapturedLogs.everything();
          Tokenmint tokenmint = Tokenmint.start(settings(postgres), Clock.systemUTC())) {
        Http admin = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN);
        assertThat(admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com")).status()).isEqualTo(200);

        proxy.cut();
        Http.Reply down = admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com"));
        assertThat(down.status()).as("%s", down.body()).isEqualTo(503);
        events = logs.events();
        proxy.restore();
      }
    }

    assertThat(events)
        .as("the failure is logged with its cause")
        .anySatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getLoggerName()).startsWith("dev.tokenmint");
              assertThat(event.getFormattedMessage()).contains(PATH);
              assertThat(event.getThrowableProxy()).isNotNull();
            });
    assertNoSecretIn(events, List.of(PASSWORD, PRIVATE_KEY, AUTH_TOKEN, masterKey));
  }

  private static Settings settings(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("logs").toString());
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    env.putAll(extra);
    return Settings.fromEnvironment(env);
  }

  private static String datafor(String privateKey, String email) {
    return """
        {"name":"ERP","privateKey":"%s",
         "payload":{"username":"admin","name":"ERP","roles":["Manager"],"inituser":"string",
                    "password":"%s","company":"ACME","email":"%s"}}
        """
        .formatted(privateKey, PASSWORD, email);
  }

  /** Proves the capture saw the server's own request handling, not just a quiet logger. */
  private static void assertCaptured(List<ILoggingEvent> events, String loggerPrefix, Level level) {
    assertThat(events)
        .as("events of %s at %s", loggerPrefix, level)
        .anySatisfy(
            event -> {
              assertThat(event.getLoggerName()).startsWith(loggerPrefix);
              assertThat(event.getLevel()).isEqualTo(level);
            });
  }

  private static void assertNoSecretIn(List<ILoggingEvent> events, List<String> secrets) {
    assertThat(events).isNotEmpty();
    Map<String, String> leaks = new java.util.TreeMap<>();
    for (ILoggingEvent event : events) {
      String everything = CapturedLogs.everythingIn(event);
      for (int i = 0; i < secrets.size(); i++) {
        if (everything.contains(secrets.get(i))) {
          leaks.putIfAbsent(event.getLoggerName() + " leaks secret #" + i, everything);
        }
      }
    }
    assertThat(leaks).as("log events that hold a secret").isEmpty();
  }
}
