package dev.tokenmint.adapter.http;

import dev.tokenmint.adapter.http.FuzzedBodies.Request;
import dev.tokenmint.application.fixture.TestApplication;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing every JSON route's body ({@link FuzzedBodies}) against the HTTP adapter over the
 * in-memory stores: whatever arrives, never a 5xx, never a stack trace or a class name, and a 4xx
 * in the route's documented failure envelope.
 */
class JsonBodiesFuzzIT {

  private static TestServer server;

  @BeforeContainer
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Property(tries = 1600, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void no_body_gets_a_server_error_or_shows_internals(@ForAll("requests") Request request) {
    Reply reply = server.post(request.route().path(), request.body(), TestServer.ADMIN);
    Statistics.label("answers").collect(reply.status() / 100 + "xx");

    FuzzedBodies.assertAnswered(request, reply.status(), reply.body());
  }

  @Provide
  Arbitrary<Request> requests() {
    return FuzzedBodies.requests();
  }
}
