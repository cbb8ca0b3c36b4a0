package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.jdbc.TestPostgres;
import dev.tokenmint.bootstrap.cli.Environment;
import dev.tokenmint.bootstrap.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A workspace's own rate limit, set by {@code workspace limit} beside a running server, on the
 * embedded database and on PostgreSQL: the server applies it at the next request (the credential
 * cache is off here; with it, within its period: RateLimitServiceTest).
 */
class WorkspaceRateLimitIT {

  private static final String API_KEY = "tmk_rate_limited";
  private static final String AUTH_TOKEN = "tmat_rate_limited_admin_0123456789abcdef";
  private static final String BODY = "{\"userId\":\"u1\"}";

  /** Most requests sent to meet a limit of 1 or 2 a second: each takes milliseconds. */
  private static final int ATTEMPTS = 10;

  record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine(new Environment(env));
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Map<String, String> embedded() {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_DATA_DIR", TestDirectories.fresh("rate-limit").toString());
    return env;
  }

  /** The server's configuration: a default of 1 request a second, changes seen at once. */
  private static Map<String, String> serving(Map<String, String> storage) {
    Map<String, String> env = new HashMap<>(storage);
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TOKENMINT_RATE_LIMIT", "1");
    env.put("TOKENMINT_CREDENTIAL_CACHE_SECONDS", "0");
    return env;
  }

  /** Mints until refused, at most {@link #ATTEMPTS} times; the refusal, or the last answer. */
  private static Http.Reply mintUntilRefused(Http http) {
    Http.Reply reply = http.post("/v2/auth/generate_token", BODY);
    for (int i = 1; i < ATTEMPTS && reply.status() != 429; i++) {
      reply = http.post("/v2/auth/generate_token", BODY);
    }
    return reply;
  }

  private static void assertRefusedAt(Http.Reply reply, String limit) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(429);
    assertThat(reply.body().at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(reply.body().at("/error/message").asText())
        .isEqualTo("rate limit of " + limit + " for this credential exceeded; retry after 1 s");
    assertThat(reply.raw().headers().firstValue("Retry-After")).contains("1");
  }

  private static void limitsSetByTheCommandLineApplyToTheRunningServer(
      Map<String, String> storage) {
    Map<String, String> env = serving(storage);
    try (Tokenmint server = Tokenmint.start(Settings.fromEnvironment(env), Clock.systemUTC())) {
      Http http = new Http(server.port(), API_KEY, AUTH_TOKEN);

      Run shown = run(env, "workspace", "limit", "--workspace", API_KEY);
      assertThat(shown.exitCode()).as(shown.err()).isZero();
      assertThat(shown.out())
          .isEqualTo(
              "Workspace tmk_rate_limited: no limit of its own; TOKENMINT_RATE_LIMIT applies (1"
                  + " request per second per credential in this command's configuration).\n");
      assertRefusedAt(mintUntilRefused(http), "1 request per second");

      Run lifted = run(env, "workspace", "limit", "--workspace", API_KEY, "--per-second", "0");
      assertThat(lifted.exitCode()).as(lifted.err()).isZero();
      assertThat(lifted.out())
          .startsWith("Workspace tmk_rate_limited: no limit per credential (its own setting")
          .contains("Running servers apply it within 0 s");
      for (int i = 0; i < 2 * ATTEMPTS; i++) {
        assertThat(http.post("/v2/auth/generate_token", BODY).status()).isEqualTo(200);
      }

      Run own = run(env, "workspace", "limit", "--workspace", API_KEY, "--per-second", "2");
      assertThat(own.exitCode()).as(own.err()).isZero();
      assertThat(own.out())
          .startsWith(
              "Workspace tmk_rate_limited: 2 requests per second per credential (its own limit).");
      assertRefusedAt(mintUntilRefused(http), "2 requests per second");

      Run cleared = run(env, "workspace", "limit", "--workspace", API_KEY, "--clear");
      assertThat(cleared.exitCode()).as(cleared.err()).isZero();
      assertThat(cleared.out()).startsWith("Workspace tmk_rate_limited: no limit of its own;");
      assertRefusedAt(mintUntilRefused(http), "1 request per second");
    }
  }

  @Test
  void limits_set_by_the_command_line_apply_to_the_running_server_on_the_embedded_database() {
    limitsSetByTheCommandLineApplyToTheRunningServer(embedded());
  }

  @Test
  void limits_set_by_the_command_line_apply_to_the_running_server_on_postgresql() {
    try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
      Map<String, String> storage = embedded();
      storage.put("TOKENMINT_DB_URL", schema.jdbcUrl());
      schema.user().ifPresent(user -> storage.put("TOKENMINT_DB_USER", user));
      schema.password().ifPresent(password -> storage.put("TOKENMINT_DB_PASSWORD", password));
      storage.put("TOKENMINT_MASTER_KEY", MasterKey.generate().toBase64());
      limitsSetByTheCommandLineApplyToTheRunningServer(storage);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--per-second|-1|tokenmint: --per-second: must be an integer from 0 (no limit) to 1000000000, got '-1'",
        "--per-second|fast|tokenmint: --per-second: must be an integer from 0 (no limit) to 1000000000, got 'fast'",
        "--per-second|1000000001|tokenmint: --per-second: must be an integer from 0 (no limit) to 1000000000, got '1000000001'",
        "--per-second|2.5|tokenmint: --per-second: must be an integer from 0 (no limit) to 1000000000, got '2.5'",
      })
  void a_bad_limit_is_one_line_and_exit_code_2(String option, String value, String message) {
    Map<String, String> env = embedded();
    String apiKey = created(env);

    Run bad = run(env, "workspace", "limit", "--workspace", apiKey, option, value);

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo(message + "\n");
    assertThat(bad.out()).isEmpty();
    assertThat(run(env, "workspace", "limit", "--workspace", apiKey).out())
        .contains("no limit of its own");
  }

  @Test
  void an_unknown_workspace_or_both_options_are_one_line_and_exit_code_2() {
    Map<String, String> env = embedded();

    Run unknown =
        run(env, "workspace", "limit", "--workspace", "tmk_nobody_here", "--per-second", "5");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("tokenmint: no workspace has API key tmk_nobody_here\n");

    Run shownUnknown = run(env, "workspace", "limit", "--workspace", "tmk_nobody_here");
    assertThat(shownUnknown.exitCode()).isEqualTo(2);
    assertThat(shownUnknown.err())
        .isEqualTo("tokenmint: no workspace has API key tmk_nobody_here\n");

    Run both =
        run(env, "workspace", "limit", "--workspace", created(env), "--per-second", "5", "--clear");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err())
        .isEqualTo("tokenmint: --clear: give --per-second N or --clear, not both\n");
  }

  /** A new workspace's API key. */
  private static String created(Map<String, String> env) {
    Run created = run(env, "workspace", "create", "limited");
    assertThat(created.exitCode()).as(created.err()).isZero();
    return created
        .out()
        .lines()
        .filter(line -> line.strip().startsWith("api key:"))
        .map(line -> line.strip().substring("api key:".length()).strip())
        .findFirst()
        .orElseThrow();
  }
}
