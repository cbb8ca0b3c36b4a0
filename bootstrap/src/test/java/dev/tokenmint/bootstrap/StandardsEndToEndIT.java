package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.application.port.in.ManageWorkspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A resource-server library that is not ours, configured from an issuer URL alone: Spring
 * Security's {@code JwtDecoders.fromIssuerLocation} finds each workspace's RFC 8414 metadata, its
 * JWKS, and accepts that workspace's tokens (an exchanged one too) while refusing the other's. And
 * the metadata of an issuer with a path, at both of RFC 8414's locations.
 */
class StandardsEndToEndIT {

  static final String API_KEY = "tmk_standards";
  static final String AUTH_TOKEN = "tmat_standards_admin_0123456789abcdefgh";

  static final Path DATA = TestDirectories.fresh("standards");
  static Tokenmint server;
  static Http a;
  static Http b;
  static String issuerA;
  static String issuerB;

  static Map<String, String> env(int port, String issuer) {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENMINT_PORT", Integer.toString(port));
    env.put("TOKENMINT_DATA_DIR", DATA.toString());
    env.put("TOKENMINT_ISSUER", issuer);
    env.put("TOKENMINT_API_KEY", API_KEY);
    env.put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    return env;
  }

  @BeforeAll
  static void start() {
    // The issuer must be the address the test reaches, so the port is chosen first.
    int port = freePort();
    issuerA = "http://127.0.0.1:" + port;
    Settings settings = Settings.fromEnvironment(env(port, issuerA));
    Clock clock = Clock.systemUTC();
    Tokenmint.start(settings, clock).close(); // creates the default workspace under issuerA
    ManageWorkspaces.IssuedCredential issued;
    try (var admin = Tokenmint.administer(settings, clock)) {
      issued = admin.workspaces().create("standards-b");
    }
    issuerB = issued.workspace().issuer();
    server = Tokenmint.start(settings, clock);
    a = new Http(server.port(), API_KEY, AUTH_TOKEN);
    b = new Http(server.port(), issued.workspace().apiKey(), issued.authToken());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void
      spring_security_configured_by_each_issuer_alone_accepts_its_own_tokens_and_refuses_the_other_s() {
    String tokenA = token(a);
    String tokenB = token(b);

    JwtDecoder decoderA = JwtDecoders.fromIssuerLocation(issuerA);
    JwtDecoder decoderB = JwtDecoders.fromIssuerLocation(issuerB);

    Jwt jwtA = decoderA.decode(tokenA);
    assertThat(jwtA.getSubject()).isEqualTo("user123");
    assertThat(jwtA.getClaimAsString("iss")).isEqualTo(issuerA);
    Jwt jwtB = decoderB.decode(tokenB);
    assertThat(jwtB.getClaimAsString("iss")).isEqualTo(issuerB);
    assertThatThrownBy(() -> decoderA.decode(tokenB)).isInstanceOf(JwtException.class);
    assertThatThrownBy(() -> decoderB.decode(tokenA)).isInstanceOf(JwtException.class);
  }

  @Test
  void an_exchanged_token_is_a_token_of_its_workspace_for_spring_security_too() {
    String parent = token(a);
    Http.Reply exchanged =
        a.form(
            "/oauth2/token",
            "grant_type="
                + encode("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token="
                + parent
                + "&subject_token_type="
                + encode("urn:ietf:params:oauth:token-type:jwt")
                + "&authorization_details="
                + encode(
                    "[{\"type\":\"organization\",\"id\":\"org_123\",\"accessRole\":\"viewer\"}]"),
            false);
    assertThat(exchanged.status()).as("%s", exchanged.body()).isEqualTo(200);

    Jwt child =
        JwtDecoders.fromIssuerLocation(issuerA)
            .decode(exchanged.body().get("access_token").asText());

    assertThat(child.getSubject()).isEqualTo("user123");
    assertThat(child.getClaimAsString("tokenmint_parent"))
        .isEqualTo(JwtDecoders.fromIssuerLocation(issuerA).decode(parent).getId());
  }

  @Test
  void metadata_names_each_issuer_byte_for_byte_at_both_locations() {
    String apiKeyB = b.apiKey();

    JsonNode defaultMetadata = a.get("/.well-known/oauth-authorization-server").body();
    JsonNode inserted =
        a.get("/.well-known/oauth-authorization-server/workspaces/" + apiKeyB).body();
    JsonNode appended =
        a.get("/workspaces/" + apiKeyB + "/.well-known/oauth-authorization-server").body();

    assertThat(defaultMetadata.get("issuer").asText()).isEqualTo(issuerA);
    assertThat(defaultMetadata.get("jwks_uri").asText())
        .isEqualTo(issuerA + "/.well-known/jwks.json");
    assertThat(inserted).isEqualTo(appended);
    assertThat(inserted.get("issuer").asText()).isEqualTo(issuerB);
    assertThat(inserted.get("token_endpoint").asText()).isEqualTo(issuerB + "/oauth2/token");
    assertThat(defaultMetadata.toString()).doesNotContain(apiKeyB);
  }

  @Test
  void an_issuer_with_a_path_has_its_metadata_at_both_locations_of_rfc_8414() {
    Path data = TestDirectories.fresh("standards-path");
    Map<String, String> env = env(0, "https://auth.example.test/tm");
    env.put("TOKENMINT_DATA_DIR", data.toString());
    Settings settings = Settings.fromEnvironment(env);
    Tokenmint.start(settings, Clock.systemUTC()).close();
    ManageWorkspaces.IssuedCredential issued;
    try (var admin = Tokenmint.administer(settings, Clock.systemUTC())) {
      issued = admin.workspaces().create("path-b");
    }
    String apiKey = issued.workspace().apiKey();
    try (Tokenmint instance = Tokenmint.start(settings, Clock.systemUTC())) {
      Http http = new Http(instance.port(), API_KEY, AUTH_TOKEN);
      String tokenIss = Http.claims(token(http)).get("iss").asText();

      // Behind a proxy that strips /tm, I/.well-known/… arrives as /.well-known/…
      JsonNode appended = http.get("/.well-known/oauth-authorization-server").body();
      // RFC 8414 §3: the well-known name between host and path arrives whole
      JsonNode inserted = http.get("/.well-known/oauth-authorization-server/tm").body();
      JsonNode insertedB =
          http.get("/.well-known/oauth-authorization-server/tm/workspaces/" + apiKey).body();

      assertThat(appended.get("issuer").asText())
          .isEqualTo("https://auth.example.test/tm")
          .isEqualTo(tokenIss);
      assertThat(inserted).isEqualTo(appended);
      assertThat(appended.get("jwks_uri").asText())
          .isEqualTo("https://auth.example.test/tm/.well-known/jwks.json");
      assertThat(appended.get("introspection_endpoint").asText())
          .isEqualTo("https://auth.example.test/tm/oauth2/introspect");
      assertThat(insertedB.get("issuer").asText())
          .isEqualTo("https://auth.example.test/tm/workspaces/" + apiKey);
      assertThat(insertedB.get("introspection_endpoint").asText())
          .isEqualTo("https://auth.example.test/tm/oauth2/introspect");
      assertThat(http.get("/.well-known/oauth-authorization-server/workspaces/" + apiKey).status())
          .as("a path that is not the issuer's")
          .isEqualTo(404);
      assertThat(http.get("/.well-known/oauth-authorization-server/other").status()).isEqualTo(404);
    }
  }

  static String token(Http client) {
    Http.Reply reply = client.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().get("result").get("data").get("token").asText();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
