package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertClientError;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.json;
import static dev.tokenmint.adapter.http.RequestBodies.wrapped;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.fixture.TestApplication;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /v2/auth/generate_token} with every class of bad input. Each request is answered 4xx
 * in the Velt failure envelope naming the field path, without internals, and mints nothing.
 */
class GenerateTokenBadInputIT {

  private static final String ENUM_TYPES = "[organization, folder, document]";
  private static final String ENUM_ROLES = "[viewer, editor]";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---------------------------------------------------------------- malformed JSON

  static Stream<Arguments> malformedJson() {
    return Stream.of(
        Arguments.of(
            "truncated", "{\"userId\":\"u1\",\"permissions\":{\"resources\":[", "not valid JSON"),
        Arguments.of("truncated string", "{\"userId\":\"u1", "not valid JSON"),
        Arguments.of("trailing garbage", "{\"userId\":\"u1\"} x", "not valid JSON"),
        Arguments.of("two objects", "{\"userId\":\"u1\"}{\"userId\":\"u2\"}", "not valid JSON"),
        Arguments.of("trailing comma", "{\"userId\":\"u1\",}", "not valid JSON"),
        Arguments.of("single quotes", "{'userId':'u1'}", "not valid JSON"),
        Arguments.of("unquoted key", "{userId:\"u1\"}", "not valid JSON"),
        Arguments.of("comment", "{\"userId\":\"u1\" /* hi */}", "not valid JSON"),
        Arguments.of("NaN", "{\"userId\":\"u1\",\"n\":NaN}", "not valid JSON"),
        Arguments.of("raw newline in string", "{\"userId\":\"u\n1\"}", "not valid JSON"),
        Arguments.of("not an object: array", "[]", "must be a JSON object"),
        Arguments.of(
            "not an object: array of object", "[{\"userId\":\"u1\"}]", "must be a JSON object"),
        Arguments.of("not an object: string", "\"x\"", "must be a JSON object"),
        Arguments.of("not an object: number", "42", "must be a JSON object"),
        Arguments.of("not an object: null", "null", "must be a JSON object"),
        Arguments.of("not an object: true", "true", "must be a JSON object"),
        Arguments.of("whitespace only", "   \n ", "JSON object"),
        Arguments.of("empty body", "", "request body is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedJson")
  void malformed_json_is_invalid_argument(String name, String body, String fragment) {
    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", fragment);
  }

  @Test
  void invalid_utf8_is_invalid_argument() {
    byte[] prefix = "{\"userId\":\"u".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[prefix.length + 4];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xC3;
    body[prefix.length + 1] = (byte) 0x28;
    body[prefix.length + 2] = '"';
    body[prefix.length + 3] = '}';

    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", "not valid JSON");
  }

  // ---------------------------------------------------------------- wrong JSON types

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("userId as number", json("{'userId': 42}"), "userId: must be a string"),
        Arguments.of("userId as boolean", json("{'userId': true}"), "userId: must be a string"),
        Arguments.of(
            "userId as object", json("{'userId': {'id': 'u1'}}"), "userId: must be a string"),
        Arguments.of("userId as array", json("{'userId': ['u1']}"), "userId: must be a string"),
        Arguments.of(
            "isAdmin as string",
            json("{'userId': 'u1', 'userProperties': {'isAdmin': 'true'}}"),
            "userProperties.isAdmin: must be a boolean"),
        Arguments.of(
            "isAdmin as number",
            json("{'userId': 'u1', 'userProperties': {'isAdmin': 1}}"),
            "userProperties.isAdmin: must be a boolean"),
        Arguments.of(
            "name as number",
            json("{'userId': 'u1', 'userProperties': {'name': 7}}"),
            "userProperties.name: must be a string"),
        Arguments.of(
            "expiresAt as string",
            second("{'type': 'organization', 'id': 'o2', 'expiresAt': '12'}"),
            "permissions.resources[1].expiresAt: must be an integer"),
        Arguments.of(
            "expiresAt as fraction",
            second("{'type': 'organization', 'id': 'o2', 'expiresAt': 1.5}"),
            "permissions.resources[1].expiresAt: must be an integer"),
        Arguments.of(
            "expiresAt as whole float",
            second("{'type': 'organization', 'id': 'o2', 'expiresAt': 1700000000.0}"),
            "permissions.resources[1].expiresAt: must be an integer"),
        Arguments.of(
            "expiresAt in exponent notation",
            second("{'type': 'organization', 'id': 'o2', 'expiresAt': 1e9}"),
            "permissions.resources[1].expiresAt: must be an integer"),
        Arguments.of(
            "expiresAt as boolean",
            second("{'type': 'organization', 'id': 'o2', 'expiresAt': true}"),
            "permissions.resources[1].expiresAt: must be an integer"),
        Arguments.of(
            "type as number",
            second("{'type': 1, 'id': 'o2'}"),
            "permissions.resources[1].type: must be a string"),
        Arguments.of(
            "id as number",
            second("{'type': 'organization', 'id': 2}"),
            "permissions.resources[1].id: must be a string"),
        Arguments.of(
            "accessRole as boolean",
            second("{'type': 'organization', 'id': 'o2', 'accessRole': true}"),
            "permissions.resources[1].accessRole: must be a string"),
        Arguments.of(
            "resources as object",
            json(
                "{'userId': 'u1', 'permissions': {'resources': {'type': 'organization', 'id':"
                    + " 'o'}}}"),
            "permissions.resources: must be an array"),
        Arguments.of(
            "resources as string",
            json("{'userId': 'u1', 'permissions': {'resources': 'org_1'}}"),
            "permissions.resources: must be an array"),
        Arguments.of(
            "a resource as string",
            second("'org_2'"),
            "permissions.resources[1]: must be an object"),
        Arguments.of(
            "a resource as number", second("2"), "permissions.resources[1]: must be an object"),
        Arguments.of(
            "a resource as array",
            second("['organization', 'o2']"),
            "permissions.resources[1]: must be an object"),
        Arguments.of(
            "a resource as null", second("null"), "permissions.resources[1]: must be an object"),
        Arguments.of(
            "userProperties as array",
            json("{'userId': 'u1', 'userProperties': [{'name': 'x'}]}"),
            "userProperties: must be an object"),
        Arguments.of(
            "userProperties as string",
            json("{'userId': 'u1', 'userProperties': 'admin'}"),
            "userProperties: must be an object"),
        Arguments.of(
            "permissions as array",
            json("{'userId': 'u1', 'permissions': []}"),
            "permissions: must be an object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongTypes")
  void wrong_json_type_names_the_field_path(String name, String body, String fragment) {
    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- unknown enum values

  static Stream<Arguments> unknownEnumValues() {
    return Stream.of(
        Arguments.of(
            "type doc",
            second("{'type': 'doc', 'id': 'd1', 'organizationId': 'o1'}"),
            "permissions.resources[1].type: must be one of " + ENUM_TYPES + ", got 'doc'"),
        Arguments.of(
            "type Document",
            second("{'type': 'Document', 'id': 'd1', 'organizationId': 'o1'}"),
            "permissions.resources[1].type: must be one of " + ENUM_TYPES + ", got 'Document'"),
        Arguments.of(
            "type empty",
            second("{'type': '', 'id': 'd1'}"),
            "permissions.resources[1].type: must be one of " + ENUM_TYPES),
        Arguments.of(
            "accessRole owner",
            second("{'type': 'organization', 'id': 'o2', 'accessRole': 'owner'}"),
            "permissions.resources[1].accessRole: must be one of " + ENUM_ROLES + ", got 'owner'"),
        Arguments.of(
            "accessRole Viewer",
            second("{'type': 'organization', 'id': 'o2', 'accessRole': 'Viewer'}"),
            "permissions.resources[1].accessRole: must be one of " + ENUM_ROLES + ", got 'Viewer'"),
        Arguments.of(
            "accessRole empty",
            second("{'type': 'organization', 'id': 'o2', 'accessRole': ''}"),
            "permissions.resources[1].accessRole: must be one of " + ENUM_ROLES));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownEnumValues")
  void unknown_enum_value_names_the_path_and_the_allowed_values(
      String name, String body, String fragment) {
    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- missing fields

  static Stream<Arguments> missingFields() {
    return Stream.of(
        Arguments.of(
            "userId absent", json("{'permissions': {'resources': []}}"), "userId: is required"),
        Arguments.of("userId null", json("{'userId': null}"), "userId: is required"),
        Arguments.of("userId empty", json("{'userId': ''}"), "userId: is required"),
        Arguments.of(
            "type absent",
            second("{'id': 'o2'}"),
            "permissions.resources[1].type: is required; allowed values: " + ENUM_TYPES),
        Arguments.of(
            "type null",
            second("{'type': null, 'id': 'o2'}"),
            "permissions.resources[1].type: is required"),
        Arguments.of(
            "id absent",
            second("{'type': 'organization'}"),
            "permissions.resources[1].id: is required"),
        Arguments.of(
            "id empty",
            second("{'type': 'organization', 'id': ''}"),
            "permissions.resources[1].id: is required"),
        Arguments.of(
            "organizationId absent for a folder",
            second("{'type': 'folder', 'id': 'f1'}"),
            "permissions.resources[1].organizationId: is required when type is 'folder'"),
        Arguments.of(
            "organizationId absent for a document",
            second("{'type': 'document', 'id': 'd1', 'accessRole': 'viewer'}"),
            "permissions.resources[1].organizationId: is required when type is 'document'"),
        Arguments.of(
            "organizationId empty for a document",
            second("{'type': 'document', 'id': 'd1', 'organizationId': ''}"),
            "permissions.resources[1].organizationId: is required"),
        Arguments.of(
            "resources absent",
            json("{'userId': 'u1', 'permissions': {}}"),
            "permissions.resources: is required"),
        Arguments.of(
            "resources null",
            json("{'userId': 'u1', 'permissions': {'resources': null}}"),
            "permissions.resources: is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingFields")
  void missing_field_names_the_field_path(String name, String body, String fragment) {
    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", fragment);
  }

  @Test
  void organization_id_of_an_organization_must_be_its_own_id() {
    assertVeltFailure(
        rejected(second("{'type': 'organization', 'id': 'o2', 'organizationId': 'o3'}")),
        400,
        "INVALID_ARGUMENT",
        "permissions.resources[1].organizationId: must be omitted or equal to id");
  }

  // ---------------------------------------------------------------- numbers out of range

  static Stream<Arguments> expiresAtOutOfRange() {
    return Stream.of(
        Arguments.of("zero", "0", "got 0"),
        Arguments.of("minus one", "-1", "got -1"),
        Arguments.of("year 10000", "253402300800", "got 253402300800"),
        Arguments.of("max long", "9223372036854775807", "got 9223372036854775807"),
        Arguments.of("beyond long", "99999999999999999999999", ""),
        Arguments.of("far below long", "-99999999999999999999999", ""),
        Arguments.of("beyond double", "1e400", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expiresAtOutOfRange")
  void expires_at_out_of_range_names_the_field_path(String name, String value, String got) {
    String body = second("{'type': 'organization', 'id': 'o2', 'expiresAt': " + value + "}");

    assertVeltFailure(
        rejected(body), 400, "INVALID_ARGUMENT", "permissions.resources[1].expiresAt: ", got);
  }

  // ---------------------------------------------------------------- strings too long or malformed

  static Stream<Arguments> badStrings() {
    String long257 = "x".repeat(257);
    return Stream.of(
        Arguments.of(
            "userId of 257 characters",
            json("{'userId': '" + long257 + "'}"),
            "userId: must be at most 256 characters, got 257"),
        Arguments.of(
            "userId with a control character",
            "{\"userId\":\"u\\u0001\"}",
            "userId: must not contain control characters"),
        Arguments.of(
            "email without at sign",
            json("{'userId': 'u1', 'userProperties': {'email': 'john.example.com'}}"),
            "userProperties.email: must be a valid email address"),
        Arguments.of(
            "email without domain",
            json("{'userId': 'u1', 'userProperties': {'email': 'john@'}}"),
            "userProperties.email: must be a valid email address"),
        Arguments.of(
            "name over 1024 characters",
            json("{'userId': 'u1', 'userProperties': {'name': '" + "n".repeat(1025) + "'}}"),
            "userProperties.name: must be at most 1024 characters, got 1025"),
        Arguments.of(
            "resource id of 257 characters",
            second("{'type': 'organization', 'id': '" + long257 + "'}"),
            "permissions.resources[1].id: must be at most 256 characters"),
        Arguments.of(
            "organizationId of 257 characters",
            second("{'type': 'folder', 'id': 'f1', 'organizationId': '" + long257 + "'}"),
            "permissions.resources[1].organizationId: must be at most 256 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStrings")
  void bad_string_names_the_field_path_and_the_rule(String name, String body, String fragment) {
    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", fragment);
  }

  @Test
  void every_problem_of_a_request_is_reported_at_once() {
    String body =
        json(
            "{'userId': '"
                + "x".repeat(300)
                + "', 'userProperties': {'email': 'nope'},"
                + " 'permissions': {'resources': ["
                + "{'type': 'organization', 'id': 'o1', 'accessRole': 'owner'},"
                + "{'type': 'folder', 'id': 'f1'}]}}");

    assertVeltFailure(
        rejected(body),
        400,
        "INVALID_ARGUMENT",
        "userId: ",
        "userProperties.email: ",
        "permissions.resources[0].accessRole: ",
        "permissions.resources[1].organizationId: ");
  }

  // ---------------------------------------------------------------- duplicates

  @Test
  void same_resource_twice_names_the_second_one() {
    String body =
        json(
            "{'userId': 'u1', 'permissions': {'resources': [{'type': 'document', 'id': 'd1',"
                + " 'organizationId': 'o1', 'accessRole': 'viewer'},{'type': 'document', 'id':"
                + " 'd1', 'organizationId': 'o1', 'accessRole': 'editor'}]}}");

    assertVeltFailure(
        rejected(body),
        400,
        "INVALID_ARGUMENT",
        "permissions.resources[1]: names the same resource as [0]");
  }

  @Test
  void duplicate_top_level_key_is_named() {
    assertVeltFailure(
        rejected("{\"userId\":\"alice\",\"userId\":\"mallory\"}"),
        400,
        "INVALID_ARGUMENT",
        "userId: appears more than once");
  }

  @Test
  void duplicate_key_inside_a_grant_is_named_with_its_path() {
    String body =
        second(
            "{'type': 'organization', 'id': 'o2', 'accessRole': 'viewer', 'accessRole': 'editor'}");

    assertVeltFailure(
        rejected(body),
        400,
        "INVALID_ARGUMENT",
        "permissions.resources[1].accessRole: appears more than once");
  }

  // ---------------------------------------------------------------- unknown fields

  static Stream<Arguments> unknownFields() {
    return Stream.of(
        Arguments.of(
            "acessRole typo",
            second("{'type': 'organization', 'id': 'o2', 'acessRole': 'viewer'}"),
            "permissions.resources[1].acessRole: is not a known field; known fields: "
                + "[accessRole, expiresAt, id, organizationId, type]"),
        Arguments.of(
            "user_id at the top",
            json("{'user_id': 'u1'}"),
            "user_id: is not a known field; known fields: [attributes, permissions, userId, userProperties]"),
        Arguments.of(
            "admin in userProperties",
            json("{'userId': 'u1', 'userProperties': {'admin': true}}"),
            "userProperties.admin: is not a known field; known fields: [email, isAdmin, name]"),
        Arguments.of(
            "resource singular",
            json("{'userId': 'u1', 'permissions': {'resource': []}}"),
            "permissions.resource: is not a known field; known fields: [resources]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownFields")
  void unknown_field_is_named_with_the_known_fields(String name, String body, String fragment) {
    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", fragment);
  }

  // ---------------------------------------------------------------- limits

  @Test
  void more_than_1000_grants_name_the_grant_limit() {
    String body = RequestBodies.organizations(1001);
    assertThat(body.length()).isLessThan(64 * 1024);

    assertVeltFailure(
        rejected(body),
        400,
        "INVALID_ARGUMENT",
        "permissions.resources: a token carries at most 1000 grants, this request names 1001");
  }

  @Test
  void body_over_64_kib_is_resource_exhausted_naming_the_limit() {
    String body = VELT_EXAMPLE_1 + " ".repeat(64 * 1024 + 1 - VELT_EXAMPLE_1.length());
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024 + 1);

    assertVeltFailure(
        rejected(body), 413, "RESOURCE_EXHAUSTED", "larger than the limit of 65536 bytes");
  }

  @Test
  void a_declared_body_of_megabytes_is_refused_before_it_is_sent() {
    String answer =
        server.postHeadOnly(TestServer.GENERATE_TOKEN, 4 * 1024 * 1024, TestServer.ADMIN);

    assertThat(answer).startsWith("HTTP/1.1 413 ");
    assertThat(answer)
        .contains("\"status\":\"RESOURCE_EXHAUSTED\"")
        .contains("larger than the limit of 65536 bytes");
    assertThat(server.app.signer.signed()).isEmpty();
  }

  /**
   * The body object and userProperties take two levels and name's value the third, so the value
   * over the limit sits this many levels inside name's value.
   */
  private static final int NESTED_INSIDE_NAME = JsonBodies.MAX_NESTING_DEPTH - 2;

  static Stream<Arguments> deepNesting() {
    String arrays = "userProperties.name" + "[0]".repeat(NESTED_INSIDE_NAME);
    String objects = "userProperties.name" + ".a".repeat(NESTED_INSIDE_NAME);
    return Stream.of(
        Arguments.of("100 nested arrays", nestedArrays(100), arrays, 72),
        Arguments.of("100 nested objects", nestedObjects(100), objects, 192),
        Arguments.of("10000 nested arrays", nestedArrays(10_000), arrays, 72));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deepNesting")
  void deep_nesting_is_invalid_argument_naming_where_it_went_too_deep(
      String name, String nested, String path, int column) {
    String body = "{\"userId\":\"u1\",\"userProperties\":{\"name\":" + nested + "}}";

    String message = assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", path + ": ");

    assertThat(message)
        .isEqualTo(
            path
                + ": nests deeper than the limit of "
                + JsonBodies.MAX_NESTING_DEPTH
                + " levels (line 1, column "
                + column
                + ")");
  }

  @Test
  void a_number_over_the_length_limit_is_invalid_argument_naming_its_field() {
    String body =
        second("{'type': 'organization', 'id': 'o2', 'expiresAt': " + "9".repeat(41) + "}");

    assertVeltFailure(
        rejected(body),
        400,
        "INVALID_ARGUMENT",
        "permissions.resources[1].expiresAt: holds a number longer than "
            + JsonBodies.MAX_NUMBER_LENGTH
            + " characters");
  }

  // ---------------------------------------------------------------- the data wrapper

  static Stream<Arguments> badWrappers() {
    return Stream.of(
        Arguments.of("extra key after data", "{\"data\":" + VELT_EXAMPLE_1 + ",\"extra\":1}"),
        Arguments.of(
            "extra key before data", "{\"userId\":\"u1\",\"data\":" + VELT_EXAMPLE_1 + "}"),
        Arguments.of("data as string", "{\"data\":\"x\"}"),
        Arguments.of("data as array", "{\"data\":[" + VELT_EXAMPLE_1 + "]}"),
        Arguments.of("data as null", "{\"data\":null}"),
        Arguments.of("data as number", "{\"data\":42}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badWrappers")
  void bad_data_wrapper_names_data(String name, String body) {
    assertVeltFailure(rejected(body), 400, "INVALID_ARGUMENT", "data: ");
  }

  @Test
  void wrapper_inside_a_wrapper_is_an_unknown_field() {
    assertVeltFailure(
        rejected(wrapped(wrapped(VELT_EXAMPLE_1))),
        400,
        "INVALID_ARGUMENT",
        "data: is not a known field");
  }

  @Test
  void wrapped_body_reports_paths_inside_data() {
    String body = wrapped(second("{'type': 'organization', 'id': 'o2', 'expiresAt': '12'}"));

    assertVeltFailure(
        rejected(body),
        400,
        "INVALID_ARGUMENT",
        "permissions.resources[1].expiresAt: must be an integer");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Posts {@code body} as the issuer and asserts what holds for every bad request: a 4xx, no
   * internals in the body, nothing signed, nothing audited.
   */
  private static Reply rejected(String body) {
    return rejected(body.getBytes(StandardCharsets.UTF_8));
  }

  private static Reply rejected(byte[] body) {
    TestServer.Snapshot before = server.snapshot();
    Reply reply = server.post(GENERATE_TOKEN, body, ISSUER);
    assertClientError(reply);
    server.assertNothingMintedSince(before);
    return reply;
  }

  /** A request whose second grant is {@code resource} (single-quoted JSON), after a valid one. */
  private static String second(String resource) {
    return json(
        "{'userId': 'u1', 'permissions': {'resources': ["
            + "{'type': 'organization', 'id': 'o1'}, "
            + resource
            + "]}}");
  }

  private static String nestedArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static String nestedObjects(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }
}
