package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.adapter.crypto.CryptoProviders;
import dev.tokenmint.adapter.crypto.CryptoProviders.Source;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signing provider is chosen at start, shown in {@code /v2/keys/get} and {@code /metrics}, and
 * can be kept off native code by {@code TOKENMINT_NATIVE_CRYPTO=false}; tokens signed on one
 * provider verify on an instance that uses another.
 */
class SigningProvidersIT {

  static final String API_KEY = "tmk_providers";
  static final String AUTH_TOKEN = "tmat_providers_admin_0123456789abcdefgh";
  static final String BODY = VeltEndToEndIT.EXAMPLE_1;

  static Settings settings(Path data, String algorithm, boolean nativeCrypto) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_DATA_DIR", data.toString());
    env.put("TOKENMINT_PORT", "0");
    env.put("TOKENMINT_ISSUER", "https://tokenmint.providers");
    env.put("TOKENMINT_SIGNING_ALG", algorithm);
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TOKENMINT_NATIVE_CRYPTO", Boolean.toString(nativeCrypto));
    return Settings.fromEnvironment(env);
  }

  @Test
  void keys_get_and_metrics_name_the_provider_of_every_algorithm() throws Exception {
    Path data = TestDirectories.fresh("providers-shown");
    try (Tokenmint server = Tokenmint.start(settings(data, "ES256", true), Clock.systemUTC())) {
      Http http = new Http(server.port(), API_KEY, AUTH_TOKEN);
      String expected =
          CryptoProviders.fastest(true).describe(dev.tokenmint.domain.key.SigningAlgorithm.ES256);
      assertThat(http.post("/v2/auth/generate_token", BODY).status()).isEqualTo(200);

      JsonNode providers =
          http.post("/v2/keys/get", "{}").body().get("result").get("data").get("signingProviders");
      String metrics = text(server.port(), "/metrics");

      assertThat(providers.get("ES256").asText()).isEqualTo(expected);
      assertThat(providers.size()).isEqualTo(5);
      assertThat(metrics)
          .contains(
              "tokenmint_signing_provider_info{algorithm=\"ES256\",provider=\""
                  + expected
                  + "\"} 1")
          .containsPattern(
              "http_server_requests_seconds_count\\{method=\"POST\",route=\"/v2/auth/generate_token\","
                  + "status=\"200\"} 1")
          .contains("jvm_memory_used_bytes")
          .doesNotContain(AUTH_TOKEN)
          .doesNotContain("user123");
      if (CryptoProviders.isAvailable(Source.ACCP)) {
        assertThat(expected).startsWith("AmazonCorrettoCryptoProvider ");
      }
    }
  }

  @Test
  void unknown_paths_and_methods_are_counted_under_one_label_each() throws Exception {
    Path data = TestDirectories.fresh("providers-unmatched");
    try (Tokenmint server = Tokenmint.start(settings(data, "ES256", true), Clock.systemUTC())) {
      text(server.port(), "/no/such/path/1");
      text(server.port(), "/no/such/path/2");
      for (String method : new String[] {"FOO1", "FOO2", "foo3"}) {
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/health/live"))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
      }

      String metrics = text(server.port(), "/metrics");

      assertThat(metrics)
          .contains("method=\"GET\",route=\"unmatched\",status=\"404\"} 2")
          .doesNotContain("/no/such/path")
          .doesNotContain("FOO1")
          .doesNotContain("foo3")
          .containsPattern("method=\"OTHER\",route=\"[^\"]*\",status=\"[0-9]+\"} 3");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "EdDSA", "RS256", "PS256", "HS256"})
  void without_native_code_every_algorithm_signs_and_verifies_on_pure_java_providers(
      String algorithm) {
    Path data = TestDirectories.fresh("providers-portable-" + algorithm);
    try (Tokenmint server = Tokenmint.start(settings(data, algorithm, false), Clock.systemUTC())) {
      Http http = new Http(server.port(), API_KEY, AUTH_TOKEN);

      String token = token(http);
      JsonNode providers =
          http.post("/v2/keys/get", "{}").body().get("result").get("data").get("signingProviders");

      assertThat(providers.toString()).doesNotContain("Corretto");
      assertThat(providers.get("EdDSA").asText()).startsWith("BC ");
      assertThat(verified(http, token)).isTrue();
      if (!algorithm.equals("HS256")) {
        assertThat(VeltEndToEndIT.verify(token, http).getPayload().getSubject())
            .isEqualTo("user123");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "EdDSA", "RS256", "PS256", "HS256"})
  void tokens_signed_with_native_code_verify_on_an_instance_without_it_and_back(String algorithm) {
    assumeTrue(CryptoProviders.isAvailable(Source.ACCP), "ACCP does not load on this platform");
    // One embedded database serves one instance at a time: the instances take turns on it.
    Path data = TestDirectories.fresh("providers-mixed-" + algorithm);
    String nativeSigned;
    try (Tokenmint fast = Tokenmint.start(settings(data, algorithm, true), Clock.systemUTC())) {
      nativeSigned = token(new Http(fast.port(), API_KEY, AUTH_TOKEN));
    }
    String portablySigned;
    try (Tokenmint portable =
        Tokenmint.start(settings(data, algorithm, false), Clock.systemUTC())) {
      Http onPortable = new Http(portable.port(), API_KEY, AUTH_TOKEN);
      assertThat(verified(onPortable, nativeSigned))
          .as("native-signed, verified portably")
          .isTrue();
      portablySigned = token(onPortable);
    }
    try (Tokenmint fast = Tokenmint.start(settings(data, algorithm, true), Clock.systemUTC())) {
      Http onFast = new Http(fast.port(), API_KEY, AUTH_TOKEN);
      assertThat(verified(onFast, portablySigned))
          .as("portably signed, verified natively")
          .isTrue();
    }
  }

  private static String token(Http http) {
    Http.Reply reply = http.post("/v2/auth/generate_token", BODY);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("result").get("data").get("token").asText();
  }

  private static boolean verified(Http http, String token) {
    Http.Reply reply =
        http.post(
            "/v2/auth/verify_token", Http.JSON.createObjectNode().put("token", token).toString());
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("result").get("data").get("valid").asBoolean();
  }

  private static String text(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
