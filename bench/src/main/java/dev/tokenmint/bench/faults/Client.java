package dev.tokenmint.bench.faults;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A caller of one tokenmint instance with one workspace credential: {@code java.net.http} over
 * HTTP/1.1 with a timeout per request, the way a backend calls it.
 */
final class Client {

  /** One answer: its status and body; {@link #json} parses the body. */
  record Answer(int status, String body) {
    Map<String, Object> json() {
      try {
        return JSONObjectUtils.parse(body);
      } catch (ParseException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + body, e);
      }
    }

    /** {@code result.data} of a Velt success envelope. */
    Map<String, Object> data() {
      return Json.object(Json.object(json(), "result"), "data");
    }
  }

  private final HttpClient http;
  private final String base;
  private final String apiKey;
  private final String authToken;
  private final Duration timeout;

  Client(int port, String apiKey, String authToken, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
    this.base = "http://127.0.0.1:" + port;
    this.apiKey = apiKey;
    this.authToken = authToken;
    this.timeout = timeout;
  }

  /** POSTs {@code json} to {@code path} with the credential; throws when no answer arrives. */
  Answer post(String path, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("x-velt-api-key", apiKey)
            .header("x-velt-auth-token", authToken)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return send(request);
  }

  /** GETs {@code path} without credentials. */
  Answer get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build());
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.body());
  }

  /** Reading the untyped maps Nimbus parses JSON into. */
  static final class Json {
    private Json() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String field) {
      Object value = json.get(field);
      if (!(value instanceof Map)) {
        throw new IllegalStateException("no object '" + field + "' in " + json);
      }
      return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> json, String field) {
      Object value = json.get(field);
      if (!(value instanceof List)) {
        throw new IllegalStateException("no list '" + field + "' in " + json);
      }
      return (List<Map<String, Object>>) value;
    }

    static String string(Map<String, Object> json, String field) {
      Object value = json.get(field);
      if (!(value instanceof String)) {
        throw new IllegalStateException("no string '" + field + "' in " + json);
      }
      return (String) value;
    }
  }
}
