package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforToken;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.KEY_256_BITS;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.datafor;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.KEYS_ROTATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every POST route reads JSON, so a body labelled as anything else is refused with 415 before it is
 * parsed; {@code application/json} with parameters (a UTF-8 charset) is accepted, and so is a body
 * without a {@code Content-Type}.
 */
class ContentTypeIT {

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
  void every_post_route_refuses_text_plain_with_415_in_its_dialect_and_the_oauth_routes_with_400() {
    List<String> posts = new ArrayList<>();
    for (String route : server.routes()) {
      if (route.startsWith("POST ")) {
        posts.add(route.substring("POST ".length()));
      }
    }
    assertThat(posts).contains(GENERATE_TOKEN, GENERATE_AUTHORIZATION, KEYS_ROTATE);
    TestServer.Stored stored = server.stored();
    TestServer.Snapshot minted = server.snapshot();

    for (String path : posts) {
      Reply reply =
          server.post(
              path.replace("{apiKey}", TestApplication.API_KEY),
              "{}",
              withType(ADMIN, "text/plain"));

      if (path.contains("/oauth2/")) {
        // RFC 6749 §5.2: a request in the wrong form is invalid_request
        OAuthIT.assertOAuthError(reply, 400, "invalid_request");
        assertThat(reply.json().get("error_description").asText())
            .contains("application/x-www-form-urlencoded", "text/plain");
      } else if (path.equals(GENERATE_AUTHORIZATION)) {
        assertDataforFailure(reply, 415, "Content-Type must be application/json", "text/plain");
      } else {
        assertVeltFailure(
            reply, 415, "INVALID_ARGUMENT", "Content-Type must be application/json", "text/plain");
      }
    }
    server.assertNothingStoredSince(stored);
    server.assertNothingMintedSince(minted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/json",
        "application/jsonp",
        "application/json-patch+json"
      })
  void other_media_types_are_415_naming_the_type(String type) {
    Reply reply = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, withType(ISSUER, type));

    assertVeltFailure(
        reply,
        415,
        "INVALID_ARGUMENT",
        "Content-Type must be application/json",
        type.split(";")[0]);
  }

  @Test
  void a_charset_other_than_utf_8_is_415() {
    Reply reply =
        server.post(
            GENERATE_TOKEN,
            VELT_EXAMPLE_1,
            withType(ISSUER, "application/json; charset=iso-8859-1"));

    assertVeltFailure(reply, 415, "INVALID_ARGUMENT", "UTF-8", "iso-8859-1");
  }

  @Test
  void the_type_is_checked_before_the_credentials() {
    Reply reply = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, withType(ANONYMOUS, "text/plain"));

    assertVeltFailure(reply, 415, "INVALID_ARGUMENT", "Content-Type must be application/json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=\"utf-8\"",
        "Application/JSON"
      })
  void json_with_or_without_a_utf_8_charset_is_accepted(String type) {
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, withType(ISSUER, type)));
    assertDataforToken(
        server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), withType(ADMIN, type)));
  }

  @Test
  void a_body_without_content_type_is_read_as_json() {
    byte[] body = VELT_EXAMPLE_1.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + GENERATE_TOKEN
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "x-velt-api-key: "
            + ISSUER.get(1)
            + "\r\nx-velt-auth-token: "
            + ISSUER.get(3)
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";

    assertVeltToken(server.raw(head + new String(body, StandardCharsets.ISO_8859_1)));
  }

  @Test
  void a_post_without_a_body_is_not_held_to_its_content_type() {
    Reply reply =
        server.post(KEYS_ROTATE, new byte[0], withType(ADMIN, "application/x-www-form-urlencoded"));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  @Test
  void an_unknown_route_stays_404_whatever_the_type() {
    Reply reply = server.post("/v2/no/such/route", "{}", withType(ADMIN, "text/plain"));

    assertVeltFailure(reply, 404, "NOT_FOUND", "no route POST /v2/no/such/route");
  }

  private static List<String> withType(List<String> headers, String type) {
    List<String> all = new ArrayList<>(headers);
    all.add("Content-Type");
    all.add(type);
    return all;
  }
}
