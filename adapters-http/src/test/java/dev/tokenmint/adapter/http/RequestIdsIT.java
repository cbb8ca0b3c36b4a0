package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every answer carries {@code X-Request-Id}: the caller's when it is 1–128 characters of {@code
 * [A-Za-z0-9._:-]}, else one the server made; failure envelopes carry the same id (docs/api.md).
 */
class RequestIdsIT {

  private static final String ID = "req-01.Trace_ID:abc";
  private static final String GENERATED = "[A-Za-z0-9_-]{22}";
  private static final String VALID_BODY = "{\"data\":{\"userId\":\"u1\"}}";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> with(List<String> headers, String requestId) {
    List<String> all = new ArrayList<>(headers);
    all.add("X-Request-Id");
    all.add(requestId);
    return all;
  }

  @Test
  void a_well_formed_caller_id_is_echoed_on_a_minted_token() {
    Reply reply = server.post(GENERATE_TOKEN, VALID_BODY, with(ADMIN, ID));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.headers().allValues("X-Request-Id")).containsExactly(ID);
  }

  @Test
  void an_id_of_exactly_128_characters_is_echoed() {
    String longest = "a".repeat(127) + "Z";

    Reply reply = server.post(GENERATE_TOKEN, VALID_BODY, with(ADMIN, longest));

    assertThat(reply.header("X-Request-Id")).contains(longest);
  }

  /** Empty, blank, characters outside the set, one character too many. */
  static List<String> malformed() {
    return List.of(
        "",
        " ",
        "has space",
        "slash/inside",
        "quote\"inside",
        "semi;colon",
        "percent%20",
        "comma,list",
        "é-accent",
        "x".repeat(129));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void a_malformed_caller_id_is_replaced_by_a_generated_one(String offered) {
    Reply reply =
        server.raw(
            "POST "
                + GENERATE_TOKEN
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\n"
                + "x-velt-api-key: "
                + TestApplication.API_KEY
                + "\r\n"
                + "x-velt-auth-token: "
                + TestApplication.ADMIN_TOKEN
                + "\r\n"
                + "X-Request-Id: "
                + offered
                + "\r\n"
                + "Content-Length: "
                + VALID_BODY.length()
                + "\r\n\r\n"
                + VALID_BODY);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.headers().allValues("X-Request-Id"))
        .singleElement()
        .asString()
        .matches(GENERATED)
        .isNotEqualTo(offered.trim());
  }

  @Test
  void a_malformed_caller_id_in_a_failure_is_replaced_in_the_header_and_the_envelope_alike() {
    Reply reply = server.post(GENERATE_TOKEN, "{}", with(ADMIN, "no spaces allowed"));

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "userId");
    assertThat(reply.header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches(GENERATED));
  }

  @Test
  void requests_without_an_id_each_get_a_fresh_one() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Reply reply = server.get("/health/live");
      assertThat(reply.header("X-Request-Id"))
          .hasValueSatisfying(id -> assertThat(id).matches(GENERATED));
      ids.add(reply.header("X-Request-Id").orElseThrow());
    }
    assertThat(ids).hasSize(50);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/health/live",
        "/health/ready",
        "/.well-known/jwks.json",
        "/workspaces/" + TestApplication.API_KEY + "/.well-known/jwks.json",
        "/metrics",
        "/openapi.yaml"
      })
  void public_routes_echo_the_id(String path) {
    Reply reply = server.send("GET", path, BodyPublishers.noBody(), List.of("X-Request-Id", ID));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.headers().allValues("X-Request-Id")).containsExactly(ID);
  }

  @Test
  void an_unknown_route_answers_404_with_the_id_in_header_and_envelope() {
    Reply reply =
        server.send("GET", "/nowhere", BodyPublishers.noBody(), List.of("X-Request-Id", ID));

    assertVeltFailure(reply, 404, "NOT_FOUND", "no route");
    assertThat(reply.json().get("error").get("requestId").asText()).isEqualTo(ID);
  }

  @Test
  void a_wrong_method_is_refused_with_the_id_in_header_and_envelope() {
    Reply reply =
        server.send("GET", GENERATE_TOKEN, BodyPublishers.noBody(), List.of("X-Request-Id", ID));

    assertThat(reply.status()).isIn(404, 405);
    assertVeltFailure(reply, reply.status(), "NOT_FOUND", "no route GET");
    assertThat(reply.json().get("error").get("requestId").asText()).isEqualTo(ID);
  }

  @Test
  void a_wrong_credential_answers_401_with_the_id_in_header_and_envelope() {
    List<String> wrong =
        List.of("x-velt-api-key", TestApplication.API_KEY, "x-velt-auth-token", "nope");

    Reply reply = server.post(GENERATE_TOKEN, VALID_BODY, with(wrong, ID));

    assertVeltFailure(reply, 401, "UNAUTHENTICATED", "");
    assertThat(reply.json().get("error").get("requestId").asText()).isEqualTo(ID);
  }

  @Test
  void a_datafor_failure_carries_the_id_in_its_own_envelope() {
    Reply reply = server.post(GENERATE_AUTHORIZATION, "{}", with(ADMIN, ID));

    assertDataforFailure(reply, 400, "privateKey");
    assertThat(reply.json().get("requestId").asText()).isEqualTo(ID);
  }

  @Test
  void a_body_over_the_limit_answers_413_with_the_id() {
    Reply reply = server.post(GENERATE_TOKEN, "x".repeat(70_000), with(ADMIN, ID));

    assertVeltFailure(reply, 413, "RESOURCE_EXHAUSTED", "larger than the limit");
    assertThat(reply.json().get("error").get("requestId").asText()).isEqualTo(ID);
  }

  @Test
  void a_body_not_labelled_json_answers_415_with_the_id() {
    Reply reply =
        server.post(GENERATE_TOKEN, VALID_BODY, with(List.of("Content-Type", "text/plain"), ID));

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().get("error").get("requestId").asText()).isEqualTo(ID);
    assertThat(reply.header("X-Request-Id")).contains(ID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /%zz HTTP/1.1",
        "GET /health/../../etc/passwd HTTP/1.1",
        "GET /health/live HTTP/1.1\r\nHost: 127.0.0.2"
      })
  void a_request_jetty_cannot_read_is_answered_with_a_new_id_not_the_callers(String head) {
    Reply reply = server.raw(head + "\r\nHost: x\r\nX-Request-Id: " + ID + "\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
    assertThat(reply.header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches(GENERATED));
  }

  @Test
  void an_unreadable_request_line_is_answered_with_a_generated_id() {
    Reply reply = server.raw("GARBAGE\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
    assertThat(reply.header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches(GENERATED));
  }

  @Test
  void headers_over_the_limit_are_answered_431_with_a_generated_id() {
    String big = "X-Big: " + "b".repeat(9_000) + "\r\n";

    Reply reply = server.raw("GET /health/live HTTP/1.1\r\nHost: x\r\n" + big + "\r\n");

    assertVeltFailure(reply, 431, "RESOURCE_EXHAUSTED", "headers are larger");
    assertThat(reply.header("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches(GENERATED));
  }
}
