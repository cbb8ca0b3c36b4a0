package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tokenmint.application.fixture.TestApplication;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The access log (logger {@code tokenmint.access}, on with {@code TOKENMINT_ACCESS_LOG=true}): one
 * line per request with method, route template, status, duration, request id and the authenticated
 * workspace, never a header value, a body or a raw path.
 */
class AccessLogIT {

  private static final String VALID_BODY = "{\"data\":{\"userId\":\"u1\"}}";

  private static TestServer server;

  private final Logger access = (Logger) LoggerFactory.getLogger("tokenmint.access");
  private final BlockingQueue<ILoggingEvent> lines = new LinkedBlockingQueue<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.prepareForDeferredProcessing(); // the MDC is the logging thread's, read it there
          lines.add(event);
        }
      };
  private Level level;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void capture() {
    level = access.getLevel();
    appender.start();
    access.addAppender(appender);
    access.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    access.detachAppender(appender);
    access.setLevel(level);
  }

  /** The line of the request just answered: the server may log it after the client has read. */
  private ILoggingEvent line() throws InterruptedException {
    ILoggingEvent event = lines.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("an access log line").isNotNull();
    return event;
  }

  private static Map<String, Object> fields(ILoggingEvent event) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (event.getKeyValuePairs() != null) {
      event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
    }
    return fields;
  }

  @Test
  void a_minted_token_is_one_line_with_method_route_status_duration_request_id_and_workspace()
      throws InterruptedException {
    Reply reply =
        server.post(
            GENERATE_TOKEN,
            VALID_BODY,
            List.of(
                "x-velt-api-key", TestApplication.API_KEY,
                "x-velt-auth-token", TestApplication.ADMIN_TOKEN,
                "X-Request-Id", "trace-7"));
    assertThat(reply.status()).isEqualTo(200);

    ILoggingEvent event = line();

    assertThat(event.getLevel()).isEqualTo(Level.INFO);
    assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "trace-7");
    Map<String, Object> fields = fields(event);
    assertThat(fields)
        .containsEntry("method", "POST")
        .containsEntry("route", GENERATE_TOKEN)
        .containsEntry("status", 200)
        .containsEntry("workspace", TestApplication.API_KEY)
        .containsKey("durationMs");
    assertThat(fields.get("durationMs"))
        .isInstanceOfSatisfying(Double.class, millis -> assertThat(millis).isNotNegative());
    assertThat(event.getFormattedMessage())
        .startsWith("POST " + GENERATE_TOKEN + " 200 ")
        .contains(" ms")
        .endsWith("workspace " + TestApplication.API_KEY)
        .doesNotContain(TestApplication.ADMIN_TOKEN)
        .doesNotContain("u1");
    assertThat(lines).isEmpty();
  }

  @Test
  void the_route_is_the_template_never_the_path_with_its_ids() throws InterruptedException {
    String path = "/workspaces/" + TestApplication.API_KEY + "/.well-known/jwks.json";
    assertThat(server.get(path).status()).isEqualTo(200);

    ILoggingEvent event = line();

    assertThat(fields(event))
        .containsEntry("method", "GET")
        .containsEntry("route", "/workspaces/{apiKey}/.well-known/jwks.json")
        .containsEntry("status", 200)
        .doesNotContainKey("workspace");
    assertThat(event.getFormattedMessage()).doesNotContain(TestApplication.API_KEY);
    assertThat(event.getMDCPropertyMap()).containsKey("requestId");
  }

  @Test
  void an_unknown_path_is_logged_as_unmatched_without_the_path() throws InterruptedException {
    assertThat(server.get("/private-looking-path-42").status()).isEqualTo(404);

    ILoggingEvent event = line();

    assertThat(fields(event)).containsEntry("route", "unmatched").containsEntry("status", 404);
    assertThat(event.getFormattedMessage())
        .isEqualTo(event.getFormattedMessage().replace("private-looking-path-42", ""))
        .startsWith("GET unmatched 404 ");
  }

  @Test
  void a_refused_credential_logs_no_workspace_and_no_header_value() throws InterruptedException {
    String wrongToken = "tmat_wrong_0123456789abcdefghijklmnopq";
    Reply reply =
        server.post(
            GENERATE_TOKEN,
            VALID_BODY,
            List.of("x-velt-api-key", "tmk_someone_else", "x-velt-auth-token", wrongToken));
    assertThat(reply.status()).isEqualTo(401);

    ILoggingEvent event = line();

    assertThat(fields(event)).containsEntry("status", 401).doesNotContainKey("workspace");
    String everything = event.getFormattedMessage() + fields(event) + event.getMDCPropertyMap();
    assertThat(everything).doesNotContain("tmk_someone_else").doesNotContain(wrongToken);
  }

  @Test
  void a_request_with_a_body_logs_neither_the_body_nor_the_credential()
      throws InterruptedException {
    Reply reply =
        server.send(
            "POST",
            TestServer.USERS_ADD,
            BodyPublishers.ofString("{\"data\":{\"users\":[{\"userId\":\"secret-user-9\"}]}}"),
            ADMIN);
    assertThat(reply.status()).as("%s", reply).isBetween(200, 499);

    ILoggingEvent event = line();

    String everything = event.getFormattedMessage() + fields(event) + event.getMDCPropertyMap();
    assertThat(everything)
        .doesNotContain("secret-user-9")
        .doesNotContain(TestApplication.ADMIN_TOKEN);
    assertThat(fields(event)).containsEntry("workspace", TestApplication.API_KEY);
  }
}
