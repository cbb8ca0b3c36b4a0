package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a user runs it: the README's run command's jar, its curl examples pasted into
 * bash, and bad configuration stopping the start with one line.
 */
class JarIT {

  private static final Path JAR = Path.of("target", "tokenmint.jar");
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern LISTENING = Pattern.compile("serving on http://[^:]+:(\\d+)");
  private static final Pattern GENERATED =
      Pattern.compile("^\\s+(TOKENMINT_API_KEY|TOKENMINT_AUTH_TOKEN)=(\\S+)$");

  @TempDir Path dataDir;

  /**
   * A running jar and everything it printed so far: standard output (and error, when merged) in
   * {@code lines}, standard error kept apart in {@code errors}; {@code notice} completes once the
   * generated credential has been read, from either.
   */
  record Running(
      Process process,
      List<String> lines,
      List<String> errors,
      CompletableFuture<Integer> port,
      CompletableFuture<Void> notice,
      List<Thread> readers) {

    /** Waits until {@code count} lines of standard output contain {@code text}. */
    void awaitLines(String text, int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      synchronized (lines) {
        while (lines.stream().filter(line -> line.contains(text)).count() < count) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(count + " lines with " + text + " expected in " + lines);
          }
          TimeUnit.NANOSECONDS.timedWait(lines, left);
        }
      }
    }

    /** Stops the process (SIGTERM) and waits until everything it printed has been read. */
    void stop() throws InterruptedException {
      // SIGTERM without closing the pipes (Process.destroy closes them): the readers get every
      // line the process writes while it stops.
      process.toHandle().destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      for (Thread reader : readers) {
        reader.join(10_000);
      }
    }
  }

  private Running launch(Map<String, String> env) throws IOException {
    return launch(env, true);
  }

  private Running launch(Map<String, String> env, boolean mergeErrors) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-jar", JAR.toString(), "serve").redirectErrorStream(mergeErrors);
    builder.environment().keySet().removeIf(name -> name.startsWith("TOKENMINT_"));
    builder.environment().put("TOKENMINT_DATA_DIR", dataDir.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    List<String> errors = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    CompletableFuture<Void> notice = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  synchronized (lines) {
                    lines.notifyAll();
                  }
                  if (line.contains("TOKENMINT_AUTH_TOKEN=")) {
                    notice.complete(null);
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(
                  new IllegalStateException("exited before listening: " + lines));
            });
    reader.setDaemon(true);
    reader.start();
    List<Thread> readers = new ArrayList<>(List.of(reader));
    if (!mergeErrors) {
      Thread errorReader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                  in.lines()
                      .forEach(
                          line -> {
                            errors.add(line);
                            if (line.contains("TOKENMINT_AUTH_TOKEN=")) {
                              notice.complete(null);
                            }
                          });
                } catch (IOException e) {
                  errors.add("unreadable: " + e);
                }
              });
      errorReader.setDaemon(true);
      errorReader.start();
      readers.add(errorReader);
    }
    return new Running(process, lines, errors, port, notice, readers);
  }

  @Test
  void the_readme_curl_examples_answer_as_documented_on_the_jar_with_a_generated_credential()
      throws Exception {
    Running running = launch(Map.of("TOKENMINT_PORT", "0"));
    try {
      int port = running.port().get(60, TimeUnit.SECONDS);
      Map<String, String> credential = generatedCredential(running.lines());
      List<String> examples = curlExamples();
      assertThat(examples).hasSize(2);

      JsonNode velt = runCurl(examples.get(0), port, credential);
      assertThat(velt.get("result").get("status").asText()).isEqualTo("success");
      assertThat(velt.get("result").get("message").asText())
          .isEqualTo("Token generated successfully.");
      assertThat(velt.get("result").get("data").get("token").asText()).startsWith("eyJ");

      JsonNode datafor = runCurl(examples.get(1), port, credential);
      assertThat(datafor.get("success").asBoolean()).isTrue();
      assertThat(datafor.get("expire").asLong()).isEqualTo(86_400);

      String output = String.join("\n", running.lines());
      assertThat(output).doesNotContain("a-32-byte-or-longer-shared-secret!");
      assertThat(output.split(credential.get("TOKENMINT_AUTH_TOKEN"), -1))
          .as("the generated auth token is printed exactly once")
          .hasSize(2);
      assertThat(output).doesNotContain("Exception");
      assertThat(output).as("no access log unless asked").doesNotContain("tokenmint.access");
    } finally {
      running.process().destroy();
      running.process().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void bad_configuration_stops_the_start_with_one_clear_line_and_exit_code_2() throws Exception {
    for (Map<String, String> env :
        List.of(
            Map.of("TOKENMINT_PORT", "eighty"),
            Map.of("TOKENMINT_SIGNING_ALG", "none"),
            Map.of("TOKENMINT_PROT", "8080"),
            Map.of("TOKENMINT_API_KEY", "tmk_only_half"),
            Map.of("TOKENMINT_LOG_FORMAT", "xml"),
            Map.of("TOKENMINT_ACCESS_LOG", "yes"))) {
      Running running = launch(env);
      assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      running.port().handle((port, failure) -> port).get(10, TimeUnit.SECONDS);

      assertThat(running.process().exitValue()).as("exit code for %s", env).isEqualTo(2);
      assertThat(running.lines()).as("output for %s", env).hasSize(1);
      assertThat(running.lines().get(0)).startsWith("tokenmint: ").doesNotContain("Exception");
      assertThat(running.lines().get(0)).contains(env.keySet().iterator().next());
    }
  }

  @Test
  void json_logs_are_one_object_per_line_on_standard_output_from_the_first_line() throws Exception {
    Running running =
        launch(
            Map.of(
                "TOKENMINT_PORT", "0",
                "TOKENMINT_LOG_FORMAT", "json",
                "TOKENMINT_ACCESS_LOG", "true"),
            false);
    String apiKey;
    String authToken;
    String refusedId;
    try {
      int port = running.port().get(60, TimeUnit.SECONDS);
      running.notice().get(10, TimeUnit.SECONDS); // standard error has its own reader
      Map<String, String> credential = generatedCredential(running.errors());
      apiKey = credential.get("TOKENMINT_API_KEY");
      authToken = credential.get("TOKENMINT_AUTH_TOKEN");
      Http http = new Http(port, apiKey, authToken);

      Http.Reply minted =
          http.post("/v2/auth/generate_token", "{\"data\":{\"userId\":\"u1\"}}", "jar-trace-1");
      assertThat(minted.status()).isEqualTo(200);
      assertThat(minted.raw().headers().firstValue("X-Request-Id")).contains("jar-trace-1");
      assertThat(http.get("/nowhere/tmk_path_id").status()).isEqualTo(404);
      Http.Reply refused =
          new Http(port, apiKey, "tmat_wrong_0123456789abcdefghijklmn")
              .post("/v2/auth/generate_token", "{\"data\":{\"userId\":\"u1\"}}");
      assertThat(refused.status()).isEqualTo(401);
      refusedId = refused.body().get("error").get("requestId").asText();
      assertThat(refused.raw().headers().firstValue("X-Request-Id")).contains(refusedId);
      // Each request's access line is written after its answer: wait for the last one.
      running.awaitLines("\"logger\":\"tokenmint.access\"", 3);
    } finally {
      running.stop();
    }

    List<JsonNode> logged = new ArrayList<>();
    for (String line : running.lines()) {
      JsonNode json;
      try {
        json = Http.JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
      assertThat(json.isObject()).as(line).isTrue();
      for (String field : List.of("timestamp", "level", "logger", "message")) {
        assertThat(json.path(field).isTextual()).as("%s in %s", field, line).isTrue();
      }
      logged.add(json);
    }
    assertThat(logged.get(0).get("message").asText())
        .as("the first line, logged before the server listens")
        .contains("master key");
    assertThat(logged.stream().map(json -> json.get("message").asText()))
        .anySatisfy(message -> assertThat(message).contains("serving on"));
    List<JsonNode> access =
        logged.stream()
            .filter(json -> json.get("logger").asText().equals("tokenmint.access"))
            .toList();
    assertThat(access).hasSize(3);
    JsonNode minted = access.get(0);
    assertThat(minted.get("requestId").asText()).isEqualTo("jar-trace-1");
    assertThat(minted.get("method").asText()).isEqualTo("POST");
    assertThat(minted.get("route").asText()).isEqualTo("/v2/auth/generate_token");
    assertThat(minted.get("status").asInt()).isEqualTo(200);
    assertThat(minted.get("durationMs").isNumber()).isTrue();
    assertThat(minted.get("workspace").asText()).isEqualTo(apiKey);
    JsonNode unmatched = access.get(1);
    assertThat(unmatched.get("route").asText()).isEqualTo("unmatched");
    assertThat(unmatched.get("status").asInt()).isEqualTo(404);
    assertThat(unmatched.get("requestId").asText()).matches("[A-Za-z0-9_-]{22}");
    JsonNode refusedLine = access.get(2);
    assertThat(refusedLine.get("requestId").asText()).isEqualTo(refusedId);
    assertThat(refusedLine.get("status").asInt()).isEqualTo(401);
    assertThat(refusedLine.has("workspace")).isFalse();
    String output = String.join("\n", running.lines());
    assertThat(output)
        .doesNotContain(authToken)
        .doesNotContain("tmat_wrong_0123456789abcdefghijklmn")
        .doesNotContain("tmk_path_id");
    assertThat(String.join("\n", running.errors()))
        .as("standard error holds the one-time credential notice, not log lines")
        .contains("TOKENMINT_AUTH_TOKEN=" + authToken)
        .doesNotContain("\"level\"");
  }

  @Test
  void a_port_in_use_stops_the_start_with_one_line() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Running running = launch(Map.of("TOKENMINT_PORT", String.valueOf(taken.getLocalPort())));
      assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      running.port().handle((port, failure) -> port).get(10, TimeUnit.SECONDS);

      assertThat(running.process().exitValue()).isEqualTo(2);
      assertThat(running.lines())
          .filteredOn(l -> l.startsWith("tokenmint: "))
          .singleElement()
          .asString()
          .contains("cannot listen");
      assertThat(running.lines()).noneMatch(line -> line.contains("ERROR"));
      assertThat(String.join("\n", running.lines())).doesNotContain("\tat ");
      assertThat(running.lines()).noneMatch(line -> line.contains("TOKENMINT_AUTH_TOKEN="));
    }
    // Nothing was generated on the failed start, so the next one generates and shows a credential.
    Running next = launch(Map.of("TOKENMINT_PORT", "0"));
    try {
      next.port().get(60, TimeUnit.SECONDS);
      assertThat(generatedCredential(next.lines())).hasSize(2);
    } finally {
      next.process().destroy();
      next.process().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void commands_in_other_processes_work_beside_the_running_server_and_a_second_server_is_refused()
      throws Exception {
    Running running = launch(Map.of("TOKENMINT_PORT", "0"));
    try {
      int port = running.port().get(60, TimeUnit.SECONDS);

      Command created = command("workspace", "create", "acme");
      assertThat(created.exitCode()).as(created.output()).isZero();
      Matcher apiKey = Pattern.compile("api key:\\s+(\\S+)").matcher(created.output());
      Matcher token = Pattern.compile("auth token:\\s+(\\S+)").matcher(created.output());
      assertThat(apiKey.find() && token.find()).as(created.output()).isTrue();
      Http http = new Http(port, apiKey.group(1), token.group(1));
      assertThat(http.post("/v2/auth/generate_token", "{\"userId\":\"u1\"}").status())
          .as("the workspace the command made through the server's database")
          .isEqualTo(200);
      assertThat(command("workspace", "list").output()).contains(apiKey.group(1));

      Running second = launch(Map.of("TOKENMINT_PORT", "0"));
      assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      second.port().handle((p, failure) -> p).get(10, TimeUnit.SECONDS);
      assertThat(second.process().exitValue()).isEqualTo(2);
      assertThat(second.lines())
          .singleElement()
          .asString()
          .startsWith(
              "tokenmint: another tokenmint server (process " + running.process().pid() + ")");
    } finally {
      running.process().destroy();
      running.process().waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** What a finished command printed, standard error included, and its exit code. */
  record Command(int exitCode, String output) {}

  private Command command(String... args) throws Exception {
    List<String> line = new ArrayList<>();
    line.add(ProcessHandle.current().info().command().orElse("java"));
    line.add("-jar");
    line.add(JAR.toString());
    line.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("TOKENMINT_"));
    builder.environment().put("TOKENMINT_DATA_DIR", dataDir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Command(process.exitValue(), output);
  }

  private static Map<String, String> generatedCredential(List<String> lines) {
    Map<String, String> credential = new java.util.HashMap<>();
    for (String line : lines) {
      Matcher m = GENERATED.matcher(line);
      if (m.matches()) {
        credential.put(m.group(1), m.group(2));
      }
    }
    assertThat(credential).containsOnlyKeys("TOKENMINT_API_KEY", "TOKENMINT_AUTH_TOKEN");
    return credential;
  }

  /** The bash blocks of the README that call curl, in order. */
  private static List<String> curlExamples() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m =
        Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
    while (m.find()) {
      if (m.group(1).contains("curl ")) {
        blocks.add(m.group(1));
      }
    }
    return blocks;
  }

  private static JsonNode runCurl(String example, int port, Map<String, String> credential)
      throws Exception {
    String command = example.replace("localhost:8080", "localhost:" + port);
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command);
    builder.environment().putAll(credential);
    Process curl = builder.start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(curl.exitValue()).as("curl exit code, output: %s", out).isZero();
    return Http.JSON.readTree(out);
  }
}
