package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertNoInternals;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenmint.adapter.http.error.ErrorMapper;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.memory.InMemoryWorkspaceStore;
import dev.tokenmint.application.service.ReadinessService;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Workspace;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The public, unauthenticated routes: JWKS per workspace, liveness and readiness. */
class JwksAndHealthIT {

  private static final String OTHER_API_KEY = "tmk_test_other";
  private static final String BROKEN_API_KEY = "tmk_test_broken";

  private static TestServer server;

  @BeforeAll
  static void start() {
    TestApplication app = TestApplication.standard();
    TestServer.addWorkspace(app, OTHER_API_KEY, "tmat_test_other_admin_token_0123456789");
    Workspace broken =
        TestServer.addWorkspace(app, BROKEN_API_KEY, "tmat_test_broken_admin_token_012345678");
    app.keyRing.activate(
        broken.id(),
        new SigningKey(
            "broken-key",
            SigningAlgorithm.ES256,
            KeyStatus.ACTIVE,
            TestApplication.NOW,
            "not a JWK",
            "{}"));
    server = TestServer.start(app);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void default_jwks_lists_the_default_workspace_public_key() {
    Reply reply = server.get("/.well-known/jwks.json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(reply.header("Cache-Control")).contains("public, max-age=60");
    assertThat(reply.json())
        .isEqualTo(Reply.parse("{\"keys\":[{\"kid\":\"test-key-1\",\"alg\":\"ES256\"}]}"));
  }

  @Test
  void workspace_jwks_by_api_key_is_the_same_set_for_the_default_workspace() {
    Reply reply = server.get("/workspaces/" + TestApplication.API_KEY + "/.well-known/jwks.json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).isEqualTo(server.get("/.well-known/jwks.json").json());
  }

  @Test
  void workspace_jwks_never_shows_another_workspace_key() {
    Reply reply = server.get("/workspaces/" + OTHER_API_KEY + "/.well-known/jwks.json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json())
        .isEqualTo(Reply.parse("{\"keys\":[{\"kid\":\"test-key-2\",\"alg\":\"ES256\"}]}"));
  }

  @Test
  void unknown_workspace_jwks_is_not_found_in_the_velt_envelope() {
    Reply reply = server.get("/workspaces/tmk_nobody_here/.well-known/jwks.json");

    assertVeltFailure(reply, 404, "NOT_FOUND", "no workspace has this API key");
  }

  @Test
  void liveness_is_up() {
    Reply reply = server.get("/health/live");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).isEqualTo(Reply.parse("{\"status\":\"UP\"}"));
  }

  @Test
  void readiness_is_up_with_each_check() {
    Reply reply = server.get("/health/ready");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json())
        .isEqualTo(
            Reply.parse(
                "{\"status\":\"UP\",\"checks\":{\"workspace\":\"up\",\"signingKey\":\"up\"}}"));
  }

  @Test
  void readiness_is_503_down_without_a_default_workspace() {
    var empty = new ReadinessService(new InMemoryWorkspaceStore(), new InMemoryKeyRing());
    try (TestServer notReady =
        TestServer.start(
            TestApplication.standard(), HttpServer.Options.DEFAULT_MAX_BODY_BYTES, empty)) {
      Reply reply = notReady.get("/health/ready");

      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json().get("status").asText()).isEqualTo("DOWN");
      assertThat(reply.json().get("checks").get("workspace").asText())
          .isEqualTo("default workspace missing");
      assertThat(notReady.get("/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void unexpected_failure_is_internal_and_logged_under_the_request_id_it_quotes() {
    Logger log = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
    ListAppender<ILoggingEvent> logged =
        new ListAppender<>() {
          @Override
          protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the MDC is the logging thread's
            super.append(event);
          }
        };
    logged.start();
    log.addAppender(logged);
    log.setAdditive(false);
    try {
      Reply reply =
          server.send(
              "GET",
              "/workspaces/" + BROKEN_API_KEY + "/.well-known/jwks.json",
              BodyPublishers.noBody(),
              List.of("X-Request-Id", "trace-500"));

      assertVeltFailure(
          reply, 500, "INTERNAL", "internal error; quote request id trace-500 to the operator");
      assertNoInternals(reply);
      assertThat(reply.body()).doesNotContain("not a JWK").doesNotContain("stored public JWK");
      assertThat(logged.list)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "trace-500");
                assertThat(event.getThrowableProxy()).isNotNull();
              });
    } finally {
      log.detachAppender(logged);
      log.setAdditive(true);
    }
  }
}
