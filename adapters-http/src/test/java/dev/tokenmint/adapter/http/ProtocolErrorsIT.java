package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses before any route sees them (a bad request line, Host header or framing, a
 * request line or headers over the limit) are answered with the status Jetty chose, in the envelope
 * of the path's dialect, with a fixed message: never Jetty's HTML error page.
 */
class ProtocolErrorsIT {

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
  void bad_host_header_is_400_invalid_argument_in_json() {
    Reply reply = server.raw("GET /health/live HTTP/1.1\r\nHost: a b c\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
    assertThat(reply.header("Cache-Control")).contains("no-store");
  }

  @Test
  void duplicate_host_header_is_400_invalid_argument_in_json() {
    Reply reply =
        server.raw("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.2\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
  }

  @Test
  void missing_host_header_is_400_invalid_argument_in_json() {
    Reply reply = server.raw("GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
  }

  @Test
  void garbage_request_line_is_400_invalid_argument_in_json() {
    Reply reply = server.raw("GARBAGE\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
  }

  @Test
  void bad_percent_encoding_in_the_path_is_400_invalid_argument_in_json() {
    Reply reply = server.raw("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
  }

  @Test
  void path_climbing_above_the_root_is_400_invalid_argument_in_json() {
    Reply reply = server.raw("GET /health/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
  }

  @Test
  void content_length_with_transfer_encoding_is_400_in_the_dialect_of_the_path() {
    String conflict =
        " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";

    assertVeltFailure(
        server.raw("POST " + GENERATE_TOKEN + conflict),
        400,
        "INVALID_ARGUMENT",
        "malformed HTTP request");
    assertDataforFailure(
        server.raw("POST " + GENERATE_AUTHORIZATION + conflict), 400, "malformed HTTP request");
  }

  @Test
  void broken_chunked_body_is_answered_as_a_body_that_ended_early() {
    Reply reply =
        server.raw(
            "POST "
                + GENERATE_TOKEN
                + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "x-velt-api-key: "
                + TestServer.ISSUER.get(1)
                + "\r\n"
                + "x-velt-auth-token: "
                + TestServer.ISSUER.get(3)
                + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\nZZ\r\n\r\n");

    // Jetty reports a broken chunk as an early end of the body, like a client that went away
    assertVeltFailure(reply, 499, "INVALID_ARGUMENT", "ended before its declared end");
  }

  @Test
  void request_line_over_the_limit_is_414_resource_exhausted_in_json() {
    Reply reply = server.raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertVeltFailure(reply, 414, "RESOURCE_EXHAUSTED", "request line is longer than the limit");
  }

  @Test
  void headers_over_the_limit_are_431_resource_exhausted_in_json() {
    String big = "X-Big: " + "b".repeat(10_000) + "\r\n";
    Reply reply = server.raw("GET /health/live HTTP/1.1\r\nHost: x\r\n" + big + "\r\n");

    assertVeltFailure(reply, 431, "RESOURCE_EXHAUSTED", "headers are larger than the limit");
  }

  @Test
  void unknown_http_version_is_505_in_json() {
    Reply reply = server.raw("GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n");

    assertVeltFailure(reply, 505, "INVALID_ARGUMENT", "HTTP/1.1");
  }

  @Test
  void a_protocol_error_answer_names_no_jetty_detail() {
    Reply reply = server.raw("GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n");

    assertVeltFailure(reply, 400, "INVALID_ARGUMENT", "malformed HTTP request");
    assertThat(reply.body()).doesNotContain("Illegal character").doesNotContain("<html");
  }
}
