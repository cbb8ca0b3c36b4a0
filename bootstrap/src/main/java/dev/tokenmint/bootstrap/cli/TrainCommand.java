package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Tokenmint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenmint train}: the training run the build makes the class-data archive (JDK 17–23) or
 * the AOT cache (JDK 24+) from. It starts a server on a throw-away data directory, sends every hot
 * route the requests a real client sends, and stops, so that the archive holds the classes (and on
 * JDK 24+ the linked state and profiles) of a start and of serving. Hidden: not for operators.
 */
@Command(
    name = "train",
    hidden = true,
    description = "Exercise a throw-away server once, for the class-data archive or AOT cache.")
final class TrainCommand implements Callable<Integer> {

  private static final String VELT_TOKEN =
      "{\"data\":{\"userId\":\"user123\",\"userProperties\":{\"isAdmin\":false,\"name\":\"John"
          + " Doe\",\"email\":\"john@example.com\"},\"permissions\":{\"resources\":["
          + "{\"type\":\"organization\",\"id\":\"org_123\",\"accessRole\":\"viewer\"},"
          + "{\"type\":\"document\",\"id\":\"doc_456\",\"organizationId\":\"org_123\","
          + "\"accessRole\":\"editor\"}]}}}";
  private static final String DATAFOR =
      "{\"name\":\"ERP\",\"privateKey\":\"a-32-byte-or-longer-shared-secret!\","
          + "\"payload\":{\"username\":\"admin\",\"name\":\"ERP\",\"roles\":[\"Manager\"]}}";
  private static final String USERS =
      "{\"data\":{\"organizationId\":\"org_123\",\"users\":[{\"userId\":\"user123\","
          + "\"name\":\"John Doe\",\"email\":\"john@example.com\",\"accessRole\":\"editor\"}]}}";

  @Mixin Configuration configuration;

  @Spec CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "200",
      description = "how many times each route is called (default ${DEFAULT-VALUE})")
  int rounds;

  @Override
  public Integer call() throws Exception {
    Path data = Files.createTempDirectory("tokenmint-train-");
    try {
      Map<String, String> variables =
          Map.of(
              "TOKENMINT_DATA_DIR", data.toString(),
              "TOKENMINT_PORT", "0",
              "TOKENMINT_MASTER_KEY", MasterKey.generate().toBase64(),
              "TOKENMINT_NATIVE_CRYPTO",
                  configuration.variable("TOKENMINT_NATIVE_CRYPTO").orElse("true"));
      try (Tokenmint server =
          Tokenmint.start(Settings.fromEnvironment(variables), Clock.systemUTC())) {
        exercise(server);
      }
      spec.commandLine().getOut().println("trained on " + rounds + " rounds of every route");
      return 0;
    } finally {
      delete(data);
    }
  }

  private void exercise(Tokenmint server) throws IOException, InterruptedException {
    String base = "http://127.0.0.1:" + server.port();
    List<String> credential =
        List.of(
            "x-velt-api-key", server.apiKey(),
            "x-velt-auth-token", server.generatedAuthToken().orElseThrow());
    HttpClient http = HttpClient.newHttpClient();
    post(http, base + "/v2/users/add", credential, USERS);
    for (int round = 0; round < rounds; round++) {
      String answer = post(http, base + "/v2/auth/generate_token", credential, VELT_TOKEN);
      String token = answer.replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
      post(http, base + "/v2/auth/verify_token", credential, "{\"token\":\"" + token + "\"}");
      post(
          http,
          base + "/v2/auth/check_access",
          credential,
          "{\"token\":\""
              + token
              + "\",\"type\":\"document\",\"id\":\"doc_456\","
              + "\"organizationId\":\"org_123\"}");
      post(
          http,
          base + "/plugin/datafor-modeler/api/token/generateAuthorization",
          List.of(
              "x-api-key",
              server.apiKey(),
              "Authorization",
              "Bearer " + server.generatedAuthToken().orElseThrow()),
          DATAFOR);
      get(http, base + "/.well-known/jwks.json");
      get(http, base + "/health/ready");
    }
    post(http, base + "/v2/users/get", credential, "{\"data\":{\"organizationId\":\"org_123\"}}");
    get(http, base + "/metrics");
  }

  private static String post(HttpClient http, String url, List<String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    return checked(url, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static void get(HttpClient http, String url) throws IOException, InterruptedException {
    checked(
        url,
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static String checked(String url, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "training: " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + directory, e);
    }
  }
}
