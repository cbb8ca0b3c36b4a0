package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.RequestBodies.KEY_256_BITS;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.datafor;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unknown routes and wrong methods are answered in the envelope of the route's dialect. */
class RoutingIT {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void unknown_v2_route_is_not_found_in_the_velt_envelope() {
    Reply reply = refused("POST", "/v2/auth/generate_tokens", VELT_EXAMPLE_1);

    assertVeltFailure(
        reply,
        404,
        "NOT_FOUND",
        "no route POST /v2/auth/generate_tokens",
        "every /v2 route is POST");
  }

  @Test
  void unknown_top_level_route_is_not_found_in_the_velt_envelope() {
    Reply reply = server.get("/nothing/here");

    assertVeltFailure(reply, 404, "NOT_FOUND", "no route GET /nothing/here");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
  void other_method_on_generate_token_is_refused_in_the_velt_envelope(String method) {
    Reply reply = refused(method, GENERATE_TOKEN, VELT_EXAMPLE_1);

    assertThat(reply.status()).isIn(404, 405);
    assertVeltFailure(
        reply, reply.status(), "NOT_FOUND", "no route " + method + " " + GENERATE_TOKEN, "POST");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "PUT", "DELETE"})
  void other_method_on_generate_authorization_is_refused_in_the_datafor_envelope(String method) {
    Reply reply = refused(method, GENERATE_AUTHORIZATION, datafor(KEY_256_BITS));

    assertThat(reply.status()).isIn(404, 405);
    assertDataforFailure(
        reply, reply.status(), "no route " + method + " " + GENERATE_AUTHORIZATION);
  }

  @Test
  void unknown_datafor_plugin_route_is_not_found_in_the_datafor_envelope() {
    Reply reply =
        refused("POST", "/plugin/datafor-modeler/api/token/refresh", datafor(KEY_256_BITS));

    assertDataforFailure(reply, 404, "no route POST /plugin/datafor-modeler/api/token/refresh");
  }

  @Test
  void post_on_a_get_route_is_refused_in_the_velt_envelope() {
    Reply reply = refused("POST", "/health/live", "{}");

    assertThat(reply.status()).isIn(404, 405);
    assertVeltFailure(reply, reply.status(), "NOT_FOUND", "no route POST /health/live");
  }

  private static Reply refused(String method, String path, String body) {
    TestServer.Snapshot before = server.snapshot();
    Reply reply = server.send(method, path, BodyPublishers.ofString(body), ADMIN);
    EnvelopeAssertions.assertClientError(reply);
    server.assertNothingMintedSince(before);
    return reply;
  }
}
