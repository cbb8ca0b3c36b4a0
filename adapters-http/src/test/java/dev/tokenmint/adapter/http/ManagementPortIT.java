package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With a management port, {@code /metrics} and the health routes are served there and only there;
 * without one they are served on the main port as always.
 */
class ManagementPortIT {

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/health/live", "/health/ready"})
  void operations_routes_are_served_on_the_management_port(String path) {
    server = withManagementPort();

    Reply reply = get(server.managementPort().orElseThrow(), path);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/health/live", "/health/ready"})
  void operations_routes_are_not_found_on_the_main_port(String path) {
    server = withManagementPort();

    Reply reply = server.get(path);

    assertVeltFailure(reply, 404, "NOT_FOUND", "no route GET " + path);
  }

  @Test
  void the_api_is_served_on_the_main_port_only() {
    server = withManagementPort();
    int management = server.managementPort().orElseThrow();

    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    assertVeltFailure(
        get(management, "/.well-known/jwks.json"), 404, "NOT_FOUND", "no route GET /.well-known/");
    assertVeltFailure(get(management, "/openapi.json"), 404, "NOT_FOUND", "no route GET /openapi");
    Reply post =
        TestServer.raw(
            management,
            "POST "
                + GENERATE_TOKEN
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    assertVeltFailure(post, 404, "NOT_FOUND", "no route POST " + GENERATE_TOKEN);
  }

  @Test
  void requests_on_both_ports_are_counted_in_the_metrics() {
    server = withManagementPort();
    int management = server.managementPort().orElseThrow();
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));

    String metrics = get(management, "/metrics").body();

    assertThat(metrics).contains("route=\"" + GENERATE_TOKEN + "\",status=\"200\"");
  }

  @Test
  void without_a_management_port_everything_is_on_the_main_port() {
    server = TestServer.start(TestApplication.standard());

    assertThat(server.managementPort()).isEmpty();
    for (String path : List.of("/metrics", "/health/live", "/health/ready")) {
      assertThat(server.get(path).status()).as(path).isEqualTo(200);
    }
  }

  private static TestServer withManagementPort() {
    return TestServer.start(
        TestApplication.standard(),
        new HttpServer.Options("127.0.0.1", 0, HttpServer.Options.DEFAULT_MAX_BODY_BYTES)
            .withManagementPort(OptionalInt.of(0)));
  }

  private static Reply get(int port, String path) {
    return TestServer.raw(
        port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  }
}
