package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.jdbc.TcpProxy;
import dev.tokenmint.adapter.jdbc.TestPostgres;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No secret reaches a log line (docs/operations.md, "Logs"): neither a Datafor payload's {@code
 * password}, nor the request's {@code privateKey}, nor a caller's auth token (right or wrong), nor
 * a minted token. Every logger of the real server runs at TRACE while requests carrying them
 * succeed, fail validation, and fail on a database that went away; every captured event is searched
 * whole: message, arguments, MDC, key-value pairs, markers and the throwable chain, and so is every
 * line the shipped encoder wrote for it. Once in the text format, once in JSON with the access log
 * on.
 */
class SecretsStayOutOfLogsIT {

  /** The text format without the access log (the defaults), and JSON with it. */
  static List<Logging> formats() {
    return List.of(new Logging(Logging.Format.TEXT, false), new Logging(Logging.Format.JSON, true));
  }

  static final String PATH = DataforEndToEndIT.PATH;
  static final String API_KEY = "tmk_logs";
  static final String AUTH_TOKEN = "tmat_logs_admin_6b2e9f4a1c7d3e8b5a0f2c9d";
  static final String WRONG_AUTH_TOKEN = "tmat_logs_wrong_8c1f5a3e9b7d2c6a4e0f1b3d";
  static final String PASSWORD = "pw-3f1d9c7e-never-logged";
  static final String PRIVATE_KEY = "pk-a9e4c2b7d5f1e3a8c6b4d2f0e9a7c5b3";
  static final String SHORT_KEY = "k9x!";

  @ParameterizedTest
  @MethodSource("formats")
  void success_and_validation_failures_log_no_password_private_key_auth_token_or_token(
      Logging logging) {
    List<String> secrets =
        new ArrayList<>(List.of(PASSWORD, PRIVATE_KEY, SHORT_KEY, AUTH_TOKEN, WRONG_AUTH_TOKEN));
    List<ILoggingEvent> events;
    List<String> lines;
    try (CapturedLogs logs = CapturedLogs.everything(logging)) {
      // Closed before the events are read: every request's line is written by then, the access
      // log's (after the answer) included.
      try (Tokenmint tokenmint = Tokenmint.start(settings(Map.of()), Clock.systemUTC())) {
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
        assertThat(
                admin
                    .post(
                        PATH,
                        datafor(PRIVATE_KEY, "admin@example.com")
                            .replace("\"name\":\"ERP\",", "\"name\":7,"))
                    .status())
            .as("a wrong JSON type is refused")
            .isEqualTo(400);
        assertThat(admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com") + "}").status())
            .as("broken JSON is refused")
            .isEqualTo(400);
        assertThat(
                admin
                    .post(
                        PATH,
                        datafor(PRIVATE_KEY, "admin@example.com")
                            .replace("\"name\":\"ERP\",", "\"nmae\":\"ERP\","))
                    .status())
            .as("an unknown field is refused")
            .isEqualTo(400);
        Http wrong = new Http(tokenmint.port(), API_KEY, WRONG_AUTH_TOKEN);
        assertThat(wrong.post(PATH, datafor(PRIVATE_KEY, "admin@example.com")).status())
            .as("a wrong auth token is refused")
            .isEqualTo(401);
      }
      CapturedLogs.Captured captured = logs.captured();
      events = captured.events();
      lines = captured.lines();
    }

    assertCaptured(events, "org.eclipse.jetty", Level.DEBUG);
    assertNoSecretIn(events, lines, secrets);
    if (logging.format() == Logging.Format.JSON) {
      List<JsonNode> json = assertJsonLines(lines);
      assertThat(json)
          .as("Jetty's, Hikari's and Flyway's lines are JSON too")
          .anySatisfy(
              line -> assertThat(line.get("logger").asText()).startsWith("org.eclipse.jetty"))
          .anySatisfy(
              line -> assertThat(line.get("logger").asText()).startsWith("com.zaxxer.hikari"))
          .anySatisfy(line -> assertThat(line.get("logger").asText()).startsWith("org.flywaydb"));
      assertThat(json)
          .as("lines logged while serving a request carry its id")
          .anySatisfy(
              line -> {
                assertThat(line.get("logger").asText()).startsWith("org.eclipse.jetty");
                assertThat(line.path("requestId").asText()).matches("[A-Za-z0-9_-]{22}");
              });
    }
    if (logging.accessLog()) {
      assertThat(events)
          .as("one access log line per request")
          .filteredOn(event -> event.getLoggerName().equals("tokenmint.access"))
          .hasSize(8)
          .allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsKey("requestId"));
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void a_database_failure_logs_its_cause_but_no_password_private_key_auth_token_or_master_key(
      Logging logging) {
    String masterKey = MasterKey.generate().toBase64();
    List<ILoggingEvent> events;
    List<String> lines;
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        TcpProxy proxy = TcpProxy.start(schema.host(), schema.port())) {
      Map<String, String> postgres = new HashMap<>();
      postgres.put("TOKENMINT_DB_URL", schema.jdbcUrlVia("127.0.0.1", proxy.port()));
      schema.user().ifPresent(user -> postgres.put("TOKENMINT_DB_USER", user));
      schema.password().ifPresent(password -> postgres.put("TOKENMINT_DB_PASSWORD", password));
      postgres.put("TOKENMINT_MASTER_KEY", masterKey);
      // Every request authenticates against the database, so the one after the cut meets it
      // (with the 1 s credential cache it could be served from memory, and succeed).
      postgres.put("TOKENMINT_CREDENTIAL_CACHE_SECONDS", "0");
      try (CapturedLogs logs = CapturedLogs.everything(logging);
          Tokenmint tokenmint = Tokenmint.start(settings(postgres), Clock.systemUTC())) {
        Http admin = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN);
        assertThat(admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com")).status())
            .isEqualTo(200);

        proxy.cut();
        Http.Reply down = admin.post(PATH, datafor(PRIVATE_KEY, "admin@example.com"));
        assertThat(down.status()).as("%s", down.body()).isEqualTo(503);
        CapturedLogs.Captured captured = logs.captured();
        events = captured.events();
        lines = captured.lines();
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
              assertThat(event.getMDCPropertyMap()).containsKey("requestId");
            });
    assertNoSecretIn(events, lines, List.of(PASSWORD, PRIVATE_KEY, AUTH_TOKEN, masterKey));
    if (logging.format() == Logging.Format.JSON) {
      assertThat(assertJsonLines(lines))
          .as("the failure's line: its cause as one string, and the request's id")
          .anySatisfy(
              line -> {
                assertThat(line.get("level").asText()).isEqualTo("WARN");
                assertThat(line.get("logger").asText()).startsWith("dev.tokenmint");
                assertThat(line.get("message").asText()).contains(PATH);
                assertThat(line.get("exception").isTextual()).isTrue();
                assertThat(line.get("exception").asText()).contains("\tat ");
                assertThat(line.get("requestId").isTextual()).isTrue();
              });
    }
  }

  /**
   * Asserts that each of {@code lines} is one line holding one JSON object with a timestamp, a
   * level, a logger and a message; returns them parsed.
   */
  private static List<JsonNode> assertJsonLines(List<String> lines) {
    assertThat(lines).isNotEmpty();
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : lines) {
      assertThat(line).endsWith("\n");
      assertThat(line.substring(0, line.length() - 1)).as("one line").doesNotContain("\n", "\r");
      JsonNode json;
      try {
        json = Http.JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + line, e);
      }
      assertThat(json.isObject()).as(line).isTrue();
      for (String field : List.of("timestamp", "level", "logger", "message")) {
        assertThat(json.path(field).isTextual()).as("%s in %s", field, line).isTrue();
      }
      parsed.add(json);
    }
    return parsed;
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

  private static void assertNoSecretIn(
      List<ILoggingEvent> events, List<String> lines, List<String> secrets) {
    assertThat(events).isNotEmpty();
    assertThat(lines).hasSameSizeAs(events);
    Map<String, String> leaks = new java.util.TreeMap<>();
    for (int e = 0; e < events.size(); e++) {
      ILoggingEvent event = events.get(e);
      String everything = CapturedLogs.everythingIn(event) + "\n" + lines.get(e);
      for (int i = 0; i < secrets.size(); i++) {
        if (everything.contains(secrets.get(i))) {
          leaks.putIfAbsent(event.getLoggerName() + " leaks secret #" + i, everything);
        }
      }
    }
    assertThat(leaks).as("log events that hold a secret").isEmpty();
  }
}
