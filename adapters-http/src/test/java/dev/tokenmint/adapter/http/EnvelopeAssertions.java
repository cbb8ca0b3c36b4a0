package dev.tokenmint.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** Whole-envelope assertions for both dialects (docs/api.md). */
final class EnvelopeAssertions {

  /** Text that only a stack trace, an exception or an internal class name would put in a body. */
  private static final List<String> INTERNALS =
      List.of(
          "Exception",
          "\tat ",
          "at dev.",
          "at java.",
          "Caused by",
          "java.",
          "dev.tokenmint",
          "com.fasterxml",
          "jakarta.",
          "io.javalin",
          "org.eclipse",
          "org.hibernate",
          "GenerateTokenRequest",
          "GenerateAuthorizationRequest",
          "ResourceGrant",
          "UserProperties",
          "Payload",
          "Permissions",
          "MembershipRequest",
          "UserEntry",
          "UsersQueryRequest",
          "DeleteUsersRequest",
          "AddPermissionsRequest",
          "RemovePermissionsRequest",
          "PermissionsQueryRequest",
          "ResourceRef",
          "UserRef",
          "UserBatch",
          "VerifyTokenRequest",
          "CheckAccessRequest",
          "RevokeTokenRequest",
          "KeysRequest",
          "AccessTarget",
          "SignatureCheck",
          "VerifiedToken",
          "VeltClaims",
          "SigningKey",
          "MismatchedInput",
          "Cannot construct",
          "Cannot deserialize",
          "(through reference chain");

  /** A fully qualified or nested Java class name. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*|\\w\\$[A-Z]");

  private EnvelopeAssertions() {}

  /**
   * Asserts {@code {"result":{"status":"success","message":"Token generated successfully.",
   * "data":{"token":"signed-…"}}}} with status 200, not cacheable; returns the token.
   */
  static String assertVeltToken(Reply reply) {
    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(200);
    assertJson(reply);
    assertNotCacheable(reply);
    JsonNode json = reply.json();
    assertThat(Reply.fieldNames(json)).as("envelope keys of %s", reply).containsExactly("result");
    JsonNode result = json.get("result");
    assertThat(Reply.fieldNames(result)).containsExactly("status", "message", "data");
    assertThat(result.get("status").asText()).isEqualTo("success");
    assertThat(result.get("message").asText()).isEqualTo("Token generated successfully.");
    JsonNode data = result.get("data");
    assertThat(Reply.fieldNames(data)).containsExactly("token");
    assertThat(data.get("token").isTextual()).isTrue();
    String token = data.get("token").asText();
    assertThat(token).startsWith("signed-");
    return token;
  }

  /** Asserts {@code {"success":true,"expire":86400,"token":"signed-…"}}; returns the token. */
  static String assertDataforToken(Reply reply) {
    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(200);
    assertJson(reply);
    assertNotCacheable(reply);
    JsonNode json = reply.json();
    assertThat(Reply.fieldNames(json))
        .as("envelope keys of %s", reply)
        .containsExactly("success", "expire", "token");
    assertThat(json.get("success").isBoolean()).isTrue();
    assertThat(json.get("success").booleanValue()).isTrue();
    assertThat(json.get("expire").isIntegralNumber()).isTrue();
    assertThat(json.get("expire").longValue()).isEqualTo(86_400L);
    String token = json.get("token").asText();
    assertThat(token).startsWith("signed-");
    return token;
  }

  /**
   * Asserts a 200 answer, not cacheable, whose whole body equals {@code expectedJson}: the Velt
   * success envelope with {@code result} keys in Velt's order. Returns the {@code data} node.
   */
  static JsonNode assertVeltSuccess(Reply reply, String expectedJson) {
    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(200);
    assertJson(reply);
    assertNotCacheable(reply);
    JsonNode json = reply.json();
    assertThat(json).as("body").isEqualTo(Reply.parse(expectedJson));
    assertThat(Reply.fieldNames(json.get("result")))
        .as("result keys of %s", reply)
        .containsExactlyElementsOf(
            json.get("result").has("nextPageToken")
                ? List.of("status", "message", "data", "nextPageToken")
                : List.of("status", "message", "data"));
    return json.get("result").get("data");
  }

  /**
   * Like {@link #assertVeltSuccess}, and every object of the body has its keys in the order of
   * {@code expectedJson}. Returns the {@code data} node.
   */
  static JsonNode assertVeltSuccessInOrder(Reply reply, String expectedJson) {
    JsonNode data = assertVeltSuccess(reply, expectedJson);
    assertSameKeyOrder(reply.json(), Reply.parse(expectedJson), "");
    return data;
  }

  private static void assertSameKeyOrder(JsonNode actual, JsonNode expected, String path) {
    if (expected.isObject()) {
      assertThat(Reply.fieldNames(actual))
          .as("keys of %s", path.isEmpty() ? "the body" : path)
          .containsExactlyElementsOf(Reply.fieldNames(expected));
      expected
          .properties()
          .forEach(
              field ->
                  assertSameKeyOrder(
                      actual.get(field.getKey()),
                      field.getValue(),
                      path.isEmpty() ? field.getKey() : path + "." + field.getKey()));
    } else if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) {
        assertSameKeyOrder(actual.get(i), expected.get(i), path + "[" + i + "]");
      }
    }
  }

  /**
   * Asserts the Velt failure envelope {@code {"error":{"message":…,"status":…,"requestId":…}}} with
   * exactly those keys, the HTTP status, the status word, the request id the {@code X-Request-Id}
   * header carries, and that the message contains every fragment (a field path such as {@code
   * permissions.resources[1].expiresAt: }, say). Returns the message.
   */
  static String assertVeltFailure(
      Reply reply, int httpStatus, String status, String... messageFragments) {
    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(httpStatus);
    assertJson(reply);
    assertNoInternals(reply);
    JsonNode json = reply.json();
    assertThat(Reply.fieldNames(json)).as("envelope keys of %s", reply).containsExactly("error");
    JsonNode error = json.get("error");
    assertThat(Reply.fieldNames(error))
        .as("error keys of %s", reply)
        .containsExactly("message", "status", "requestId");
    assertThat(error.get("status").asText()).as("error.status of %s", reply).isEqualTo(status);
    assertRequestId(reply, error.get("requestId"));
    assertThat(error.get("message").isTextual()).isTrue();
    String message = error.get("message").asText();
    assertThat(message).as("error.message").isNotBlank().contains(messageFragments);
    return message;
  }

  /**
   * Asserts the Datafor failure envelope {@code {"success":false,"message":…,"requestId":…}} with
   * exactly those keys, the HTTP status, the request id the {@code X-Request-Id} header carries,
   * and that the message contains every fragment. Returns the message.
   */
  static String assertDataforFailure(Reply reply, int httpStatus, String... messageFragments) {
    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(httpStatus);
    assertJson(reply);
    assertNoInternals(reply);
    JsonNode json = reply.json();
    assertThat(Reply.fieldNames(json))
        .as("envelope keys of %s", reply)
        .containsExactly("success", "message", "requestId");
    assertThat(json.get("success").isBoolean()).isTrue();
    assertThat(json.get("success").booleanValue()).isFalse();
    assertRequestId(reply, json.get("requestId"));
    assertThat(json.get("message").isTextual()).isTrue();
    String message = json.get("message").asText();
    assertThat(message).as("message").isNotBlank().contains(messageFragments);
    return message;
  }

  /** Asserts that the envelope's request id is a string equal to the answer's header. */
  private static void assertRequestId(Reply reply, JsonNode requestId) {
    assertThat(requestId.isTextual()).as("requestId of %s", reply).isTrue();
    assertThat(reply.header("X-Request-Id"))
        .as("X-Request-Id of %s", reply)
        .contains(requestId.asText());
  }

  /** Asserts a 4xx answer whose body holds no stack trace, exception or class name. */
  static void assertClientError(Reply reply) {
    assertThat(reply.status()).as("HTTP status of %s", reply).isBetween(400, 499);
    assertNoInternals(reply);
  }

  /** Asserts the body holds no stack trace, exception or internal class name. */
  static void assertNoInternals(Reply reply) {
    for (String internal : INTERNALS) {
      assertThat(reply.body()).as("body of %s", reply).doesNotContain(internal);
    }
    assertThat(CLASS_NAME.matcher(reply.body()).find()).as("a class name in %s", reply).isFalse();
  }

  private static void assertJson(Reply reply) {
    assertThat(reply.header("Content-Type"))
        .as("Content-Type of %s", reply)
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  private static void assertNotCacheable(Reply reply) {
    assertThat(reply.header("Cache-Control")).as("Cache-Control").contains("no-store");
  }
}
