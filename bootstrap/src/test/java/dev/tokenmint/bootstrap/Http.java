package dev.tokenmint.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for end-to-end tests against a running tokenmint. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String apiKey;
  private final String authToken;

  Http(int port, String apiKey, String authToken) {
    this.base = "http://127.0.0.1:" + port;
    this.apiKey = apiKey;
    this.authToken = authToken;
  }

  record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

  Reply post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("content-type", "application/json")
            .header("x-velt-api-key", apiKey)
            .header("x-velt-auth-token", authToken)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** POST with {@code requestId} as the request's {@code X-Request-Id}. */
  Reply post(String path, String json, String requestId) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("content-type", "application/json")
            .header("x-velt-api-key", apiKey)
            .header("x-velt-auth-token", authToken)
            .header("X-Request-Id", requestId)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /**
   * POST a form ({@code application/x-www-form-urlencoded}) to an OAuth route, with this client's
   * credential in HTTP Basic when {@code authenticated}.
   */
  Reply form(String path, String form, boolean authenticated) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authenticated) {
      String pair =
          java.net.URLEncoder.encode(apiKey, java.nio.charset.StandardCharsets.UTF_8)
              + ":"
              + java.net.URLEncoder.encode(authToken, java.nio.charset.StandardCharsets.UTF_8);
      request.header(
          "Authorization",
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return send(request.build());
  }

  /** This client's API key. */
  String apiKey() {
    return apiKey;
  }

  /** The claims of a compact JWS, unverified: for tests that read what a token says. */
  static JsonNode claims(String token) {
    try {
      return JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Reply(
          response.statusCode(),
          body.isEmpty() ? JSON.missingNode() : JSON.readTree(body),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
