package dev.tokenmint.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.adapter.jdbc.JdbcDatabase;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Tokenmint;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The administrative commands, on the same data directory as a running server. */
class CliIT {

  private final Map<String, String> env;

  CliIT() throws Exception {
    Path base = Files.createDirectories(Path.of("target", "test-data"));
    env =
        Map.of(
            "TOKENMINT_DATA_DIR",
            Files.createTempDirectory(base, "cli-").toString(),
            "TOKENMINT_PORT",
            "0");
  }

  record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine(new Environment(env));
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String field(String output, String label) {
    Matcher m = Pattern.compile("^\\s*" + label + ":\\s+(\\S+)", Pattern.MULTILINE).matcher(output);
    assertThat(m.find()).as("%s in %s", label, output).isTrue();
    return m.group(1);
  }

  private static int mint(int port, String apiKey, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/auth/generate_token"))
            .header("x-velt-api-key", apiKey)
            .header("x-velt-auth-token", token)
            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u1\"}"))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void workspaces_and_credentials_made_by_the_cli_work_against_the_server() throws Exception {
    Run created = run("workspace", "create", "acme");
    assertThat(created.exitCode()).as(created.err()).isZero();
    String apiKey = field(created.out(), "api key");
    String adminToken = field(created.out(), "auth token");
    String adminId = field(created.out(), "credential");

    Run issued = run("credential", "create", "--workspace", apiKey, "--role", "issuer");
    assertThat(issued.exitCode()).as(issued.err()).isZero();
    assertThat(issued.out())
        .startsWith("Issued an issuer credential. The auth token is shown only now.");
    String issuerToken = field(issued.out(), "auth token");
    String issuerId = field(issued.out(), "credential");

    assertThat(run("workspace", "list").out()).contains(apiKey).contains("acme");
    Run listed = run("credential", "list", "--workspace", apiKey);
    assertThat(listed.out())
        .contains(adminId)
        .contains(issuerId)
        .doesNotContain(issuerToken)
        .doesNotContain(adminToken);

    // Without the credential cache, a revocation by the command line is refused at the next request
    // (with it, within TOKENMINT_CREDENTIAL_CACHE_SECONDS: AuthenticationServiceTest).
    Map<String, String> uncached = new HashMap<>(env);
    uncached.put("TOKENMINT_CREDENTIAL_CACHE_SECONDS", "0");
    try (Tokenmint server =
        Tokenmint.start(Settings.fromEnvironment(uncached), Clock.systemUTC())) {
      assertThat(mint(server.port(), apiKey, issuerToken)).isEqualTo(200);
      assertThat(mint(server.port(), apiKey, adminToken)).isEqualTo(200);

      Run revoked = run("credential", "revoke", "--workspace", apiKey, issuerId);
      assertThat(revoked.exitCode()).as(revoked.err()).isZero();
      assertThat(mint(server.port(), apiKey, issuerToken)).isEqualTo(401);
      assertThat(run("credential", "list", "--workspace", apiKey).out())
          .containsPattern(issuerId + ".*revoked");
    }
  }

  private static HttpResponse<String> post(
      int port, String path, String apiKey, String token, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("content-type", "application/json")
            .header("x-velt-api-key", apiKey)
            .header("x-velt-auth-token", token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The data rows of an audit listing, newest first, each split into its columns. */
  private static List<List<String>> auditRows(Run listed) {
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    List<String> lines = listed.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("TIME")
        .contains("KIND")
        .contains("ACTOR")
        .contains("TARGET");
    return lines.subList(1, lines.size()).stream()
        .map(line -> List.of(line.split("\\s{2,}", 7)))
        .toList();
  }

  private static List<String> column(List<List<String>> rows, int index) {
    return rows.stream().map(row -> row.get(index)).toList();
  }

  @Test
  void changes_made_with_the_cli_are_audited_as_the_cli_and_listed_newest_first() {
    Run created = run("workspace", "create", "audited");
    String apiKey = field(created.out(), "api key");
    String adminId = field(created.out(), "credential");
    Run issued = run("credential", "create", "--workspace", apiKey, "--role", "issuer");
    String issuerId = field(issued.out(), "credential");
    run("credential", "revoke", "--workspace", apiKey, issuerId);
    run("keys", "rotate", "--workspace", apiKey);
    run("keys", "allow", "--workspace", apiKey, "ES256,EdDSA");

    Run listed = run("audit", "list", "--workspace", apiKey);
    List<List<String>> rows = auditRows(listed);

    assertThat(column(rows, 1))
        .containsExactly(
            "algorithms.changed",
            "key.rotated",
            "credential.revoked",
            "credential.created",
            "credential.created",
            "workspace.created");
    assertThat(column(rows, 2)).containsOnly("cli");
    assertThat(column(rows, 3).subList(2, 6)).containsExactly(issuerId, issuerId, adminId, apiKey);
    assertThat(rows.get(0).get(6)).isEqualTo("allowed: ES256, EdDSA");
    assertThat(rows.get(3).get(6)).isEqualTo("issuer");
    assertThat(listed.out())
        .doesNotContain(field(created.out(), "auth token"))
        .doesNotContain(field(issued.out(), "auth token"));
  }

  @Test
  void audit_list_narrows_by_kind_and_user_and_limits_the_rows() {
    String apiKey = field(run("workspace", "create", "narrowed-audit").out(), "api key");
    for (int i = 0; i < 3; i++) {
      run("credential", "create", "--workspace", apiKey, "--role", "issuer");
    }

    assertThat(
            auditRows(
                run(
                    "audit",
                    "list",
                    "--workspace",
                    apiKey,
                    "--kind",
                    "credential.created",
                    "--limit",
                    "2")))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("credential.created"));
    assertThat(run("audit", "list", "--workspace", apiKey, "--user", "nobody").out())
        .contains("(no events)");

    Run tooMany = run("audit", "list", "--workspace", apiKey, "--limit", "1001");
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.err().strip()).isEqualTo("tokenmint: --limit: must be 1 to 1000, got 1001");
    Run unknownKind = run("audit", "list", "--workspace", apiKey, "--kind", "user.renamed");
    assertThat(unknownKind.exitCode()).isNotZero();
    assertThat(unknownKind.err())
        .contains("must be one of [token.minted,")
        .contains("got 'user.renamed'");
    Run unknownWorkspace = run("audit", "list", "--workspace", "tmk_nobody_here");
    assertThat(unknownWorkspace.exitCode()).isEqualTo(2);
    assertThat(unknownWorkspace.err().strip())
        .isEqualTo("tokenmint: no workspace has API key tmk_nobody_here");
  }

  @Test
  void beside_a_running_server_the_cli_lists_its_changes_and_the_server_lists_the_clis()
      throws Exception {
    Run created = run("workspace", "create", "served-audit");
    String apiKey = field(created.out(), "api key");
    String adminToken = field(created.out(), "auth token");
    String adminId = field(created.out(), "credential");

    try (Tokenmint server = Tokenmint.start(Settings.fromEnvironment(env), Clock.systemUTC())) {
      HttpResponse<String> added =
          post(
              server.port(),
              "/v2/users/add",
              apiKey,
              adminToken,
              "{\"organizationId\": \"org_1\", \"users\": [{\"userId\": \"u1\"}]}");
      assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
      // The server's own read writes its queue first; the command then reads the database.
      HttpResponse<String> read =
          post(server.port(), "/v2/audit/get", apiKey, adminToken, "{\"userId\": \"u1\"}");
      assertThat(read.body()).contains("\"kind\":\"user.added\"");

      List<List<String>> rows =
          auditRows(run("audit", "list", "--workspace", apiKey, "--user", "u1"));
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).subList(1, 5)).containsExactly("user.added", adminId, "u1", "u1");

      Run rotated = run("keys", "rotate", "--workspace", apiKey);
      assertThat(rotated.exitCode()).as(rotated.err()).isZero();
      HttpResponse<String> rotations =
          post(server.port(), "/v2/audit/get", apiKey, adminToken, "{\"kind\": \"key.rotated\"}");
      assertThat(rotations.body()).contains("\"actor\":\"cli\"");
    }
  }

  @Test
  void keys_rotate_and_list_through_the_cli() {
    String apiKey = field(run("workspace", "create", "keyed").out(), "api key");

    Run rotated = run("keys", "rotate", "--workspace", apiKey);
    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.out()).startsWith("Rotated: ");

    Run listed = run("keys", "list", "--workspace", apiKey);
    assertThat(listed.out().lines().filter(l -> l.contains(" active ")).count()).isEqualTo(1);
    assertThat(listed.out().lines().filter(l -> l.contains(" retiring ")).count()).isEqualTo(1);
    assertThat(listed.out()).doesNotContain("\"d\"");
  }

  @Test
  void keys_allow_sets_the_workspace_list_and_list_shows_it() {
    String apiKey = field(run("workspace", "create", "narrowed").out(), "api key");
    assertThat(run("keys", "list", "--workspace", apiKey).out())
        .contains("Allowed algorithms: ES256,EdDSA,RS256,PS256,HS256");

    Run allowed = run("keys", "allow", "--workspace", apiKey, "EdDSA,ES256");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("Allowed algorithms: ES256,EdDSA");
    assertThat(run("keys", "list", "--workspace", apiKey).out())
        .contains("Allowed algorithms: ES256,EdDSA");

    Run withoutActive = run("keys", "allow", "--workspace", apiKey, "EdDSA");
    assertThat(withoutActive.exitCode()).isEqualTo(2);
    assertThat(withoutActive.err()).contains("must include ES256");
    Run unknown = run("keys", "allow", "--workspace", apiKey, "ES256,none");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.err())
        .contains("must be one of [ES256, EdDSA, RS256, PS256, HS256], got 'none'");
    assertThat(run("keys", "list", "--workspace", apiKey).out())
        .contains("Allowed algorithms: ES256,EdDSA");
  }

  @Test
  void mistakes_get_one_line_and_a_non_zero_exit() {
    Run unknownWorkspace =
        run("credential", "create", "--workspace", "tmk_nobody_here", "--role", "issuer");
    assertThat(unknownWorkspace.exitCode()).isEqualTo(2);
    assertThat(unknownWorkspace.err().strip())
        .startsWith("tokenmint: no workspace has API key")
        .doesNotContain("\n");

    Run badRole = run("credential", "create", "--workspace", "tmk_x", "--role", "owner");
    assertThat(badRole.exitCode()).isNotZero();
    assertThat(badRole.err()).contains("must be one of [issuer, admin]");

    Run unknownCredential =
        run(
            "credential",
            "revoke",
            "--workspace",
            field(run("workspace", "create", "w").out(), "api key"),
            "nope");
    assertThat(unknownCredential.exitCode()).isEqualTo(2);
    assertThat(unknownCredential.err()).contains("has no credential nope");
  }

  @Test
  void no_command_prints_the_usage_on_standard_error_and_exits_2() {
    Run bare = run();

    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err())
        .startsWith("tokenmint: missing command")
        .contains("Usage: tokenmint")
        .contains("serve")
        .contains("credential")
        .doesNotContain("Exception")
        .doesNotContain("<init>");
  }

  @Test
  void a_credential_id_that_starts_with_a_dash_is_revoked_after_a_double_dash() {
    String apiKey = field(run("workspace", "create", "dashed").out(), "api key");
    String dashed = "-legacy_credential_id_0123";
    String workspaceId;
    try (JdbcDatabase database = JdbcDatabase.embedded(env.get("TOKENMINT_DATA_DIR"))) {
      workspaceId = database.workspaces().findByApiKey(apiKey).orElseThrow().id();
      database
          .credentials()
          .create(
              new Credential(
                  dashed,
                  workspaceId,
                  TokenHash.of("tmat_legacy_token_0123456789abcdefghijklmnop"),
                  CredentialRole.ISSUER,
                  Instant.parse("2026-01-01T00:00:00Z"),
                  false));
    }

    Run withoutDashes = run("credential", "revoke", "--workspace", apiKey, dashed);
    assertThat(withoutDashes.exitCode()).isNotZero();
    Run revoked = run("credential", "revoke", "--workspace", apiKey, "--", dashed);
    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(run("credential", "list", "--workspace", apiKey).out())
        .containsPattern(dashed + ".*revoked");
  }
}
