package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies for fuzzing every JSON route: built around the route's real schema (its fields,
 * with typical, odd and wrongly typed values, some missing, some unknown, wrapped in {@code data}
 * or not), broken into invalid JSON now and then, and any JSON at all; and the check every answer
 * must pass. Shared with the fuzzing of the whole service on its databases (bootstrap).
 */
public final class FuzzedBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The failure statuses of the Velt envelope a client may be answered with (docs/api.md). */
  private static final List<String> CLIENT_STATUSES =
      List.of(
          "INVALID_ARGUMENT",
          "UNAUTHENTICATED",
          "PERMISSION_DENIED",
          "NOT_FOUND",
          "ALREADY_EXISTS",
          "FAILED_PRECONDITION",
          "RESOURCE_EXHAUSTED");

  private FuzzedBodies() {}

  /** One route: its path, whether it answers in Datafor's envelope, and its body's shape. */
  public record Route(String path, boolean datafor, Shape body) {
    @Override
    public String toString() {
      return path;
    }
  }

  /** A request: the route and the body's bytes, shown as text when a property fails. */
  public record Request(Route route, byte[] body) {
    @Override
    public String toString() {
      return route + " " + new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Asserts what every answer to a fuzzed request must be: never a 5xx; a 200 in the route's
   * success envelope; anything else in its failure envelope, naming no internals.
   */
  public static void assertAnswered(Request request, int status, String body) {
    Reply reply = new Reply(status, HttpHeaders.of(Map.of(), (name, value) -> true), body);
    assertThat(reply.status()).as("status of %s: %s", request, reply).isLessThan(500);
    if (reply.status() != 200) {
      assertNoInternals(reply); // a success may echo what was sent, which may be anything
    }
    JsonNode json = reply.json();
    if (request.route().datafor()) {
      assertThat(json.path("success").isBoolean()).as("Datafor envelope: %s", reply).isTrue();
      assertThat(json.get("success").booleanValue()).isEqualTo(reply.status() == 200);
      if (reply.status() != 200) {
        assertThat(Reply.fieldNames(json)).containsExactly("success", "message", "requestId");
        assertThat(json.get("message").asText()).isNotBlank();
      }
    } else if (reply.status() == 200) {
      assertThat(json.path("result").path("status").asText()).as("%s", reply).isEqualTo("success");
    } else {
      assertThat(Reply.fieldNames(json)).as("Velt envelope: %s", reply).containsExactly("error");
      JsonNode error = json.get("error");
      assertThat(Reply.fieldNames(error)).containsExactly("message", "status", "requestId");
      assertThat(error.get("status").asText()).as("%s", reply).isIn(CLIENT_STATUSES);
      assertThat(error.get("message").asText()).isNotBlank();
    }
  }

  /** Requests to every route, about as many to each. */
  public static Arbitrary<Request> requests() {
    return Arbitraries.of(ROUTES)
        .flatMap(
            route ->
                Arbitraries.frequencyOf(
                        Tuple.of(6, schemaBody(route.body())),
                        Tuple.of(2, schemaBody(route.body()).flatMap(FuzzedBodies::broken)),
                        Tuple.of(1, anyJson(3).map(FuzzedBodies::bytes)))
                    .map(body -> new Request(route, body)));
  }

  // --- the routes' schemas ---------------------------------------------------------------------

  /** What a field holds: the shape a body generator follows, and then departs from. */
  sealed interface Shape permits Obj, Arr, Str, Num, Bool {}

  record Obj(Map<String, Shape> fields) implements Shape {}

  record Arr(Shape item) implements Shape {}

  /** A string field and the values a real caller sends in it. */
  record Str(List<String> typical) implements Shape {}

  /** A number field and the values a real caller sends in it. */
  record Num(List<Long> typical) implements Shape {}

  record Bool() implements Shape {}

  private static Obj obj(Object... namesAndShapes) {
    Map<String, Shape> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndShapes.length; i += 2) {
      fields.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
    }
    return new Obj(fields);
  }

  private static Str str(String... typical) {
    return new Str(List.of(typical));
  }

  private static final Str ID = str("user123", "org_123", "doc_456", "folder_001", "u-1", "doc_*");
  private static final Str TYPE = str("organization", "folder", "document");
  private static final Str ROLE = str("viewer", "editor");
  private static final Num EPOCH = new Num(List.of(1_640_995_200L, 4_102_444_800L, 0L));
  private static final Obj GRANT =
      obj("type", TYPE, "id", ID, "organizationId", ID, "accessRole", ROLE, "expiresAt", EPOCH);
  private static final Obj RESOURCE = obj("type", TYPE, "id", ID, "organizationId", ID);
  private static final Str TOKEN =
      str("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1In0.c2ln", "signed-token", "a.b.c", "");
  private static final Obj MEMBERSHIP =
      obj(
          "organizationId", ID,
          "documentId", ID,
          "folderId", ID,
          "users",
              new Arr(
                  obj(
                      "userId", ID,
                      "name", str("John Doe"),
                      "email", str("john@example.com", "not-an-email"),
                      "accessRole", ROLE,
                      "initial", str("J"))));

  /** Every JSON route. */
  public static final List<Route> ROUTES =
      List.of(
          new Route(
              TestServer.GENERATE_TOKEN,
              false,
              obj(
                  "userId", ID,
                  "userProperties",
                      obj(
                          "isAdmin", new Bool(),
                          "name", str("John Doe"),
                          "email", str("john@example.com", "a@b")),
                  "permissions", obj("resources", new Arr(GRANT)))),
          new Route(TestServer.USERS_ADD, false, MEMBERSHIP),
          new Route(TestServer.USERS_UPDATE, false, MEMBERSHIP),
          new Route(
              TestServer.USERS_GET,
              false,
              obj(
                  "organizationId",
                  ID,
                  "documentId",
                  ID,
                  "folderId",
                  ID,
                  "userIds",
                  new Arr(ID),
                  "pageSize",
                  new Num(List.of(1L, 1000L, 1001L)),
                  "pageToken",
                  str("", "abc"))),
          new Route(
              TestServer.USERS_DELETE,
              false,
              obj("organizationId", ID, "documentId", ID, "folderId", ID, "userIds", new Arr(ID))),
          new Route(
              TestServer.PERMISSIONS_ADD,
              false,
              obj("user", obj("userId", ID), "permissions", obj("resources", new Arr(GRANT)))),
          new Route(
              TestServer.PERMISSIONS_REMOVE,
              false,
              obj("userId", ID, "permissions", obj("resources", new Arr(RESOURCE)))),
          new Route(
              TestServer.PERMISSIONS_GET,
              false,
              obj(
                  "organizationId", ID,
                  "userIds", new Arr(ID),
                  "documentIds", new Arr(ID),
                  "folderIds", new Arr(ID))),
          new Route(TestServer.VERIFY_TOKEN, false, obj("token", TOKEN, "audience", str("api"))),
          new Route(
              TestServer.CHECK_ACCESS,
              false,
              obj(
                  "token", TOKEN,
                  "type", TYPE,
                  "id", ID,
                  "organizationId", ID,
                  "folderId", ID)),
          new Route(
              TestServer.REVOKE_TOKEN, false, obj("token", TOKEN, "jti", str("jti-1", "abc"))),
          new Route(TestServer.KEYS_ROTATE, false, obj()),
          new Route(TestServer.KEYS_GET, false, obj()),
          new Route(
              TestServer.KEYS_ALGORITHMS,
              false,
              obj("allowed", new Arr(str("ES256", "EdDSA", "RS256", "PS256", "HS256", "none")))),
          new Route(
              "/v2/audit/get",
              false,
              obj(
                  "kind",
                  str("token.minted", "user.added", "bogus"),
                  "userId",
                  ID,
                  "jti",
                  str("jti-1"),
                  "since",
                  EPOCH,
                  "until",
                  EPOCH,
                  "pageSize",
                  new Num(List.of(1L, 100L, 1000L, 1001L)),
                  "pageToken",
                  str("", "abc"))),
          new Route(
              TestServer.GENERATE_AUTHORIZATION,
              true,
              obj(
                  "name", str("ERP", "exp", ""),
                  "privateKey", str(RequestBodies.KEY_256_BITS, "abcd"),
                  "payload",
                      obj(
                          "username", ID,
                          "name", str("ERP"),
                          "roles", new Arr(str("SYS_CREATOR", "Manager")),
                          "inituser", str("string"),
                          "password", str("secret"),
                          "company", str("string"),
                          "dept", str("string"),
                          "email", str("admin@example.com", "string"),
                          "description", str("string"),
                          "title", str("string"),
                          "dob", str("string"),
                          "mobile", str("string")))));

  // --- bodies around a schema ------------------------------------------------------------------

  /** The serialized body: sometimes wrapped as Velt wraps bodies, {@code {"data": …}}. */
  private static Arbitrary<byte[]> schemaBody(Shape shape) {
    return Combinators.combine(value(shape, 4), Arbitraries.integers().between(0, 3))
        .as((body, wrap) -> wrap == 0 ? NODES.objectNode().set("data", body) : body)
        .map(FuzzedBodies::bytes);
  }

  /** A value of {@code shape}, now and then of another type altogether. */
  private static Arbitrary<JsonNode> value(Shape shape, int depth) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, typed(shape, depth)), Tuple.of(1, anyJson(Math.min(depth, 2))));
  }

  private static Arbitrary<JsonNode> typed(Shape shape, int depth) {
    if (shape instanceof Obj o) {
      return object(o, depth);
    }
    if (shape instanceof Arr a) {
      return value(a.item(), depth - 1)
          .list()
          .ofMaxSize(depth > 0 ? 4 : 0)
          .map(
              items -> {
                ArrayNode array = NODES.arrayNode();
                items.forEach(array::add);
                return array;
              });
    }
    if (shape instanceof Str s) {
      return Arbitraries.frequencyOf(
          Tuple.of(5, Arbitraries.of(s.typical()).map(NODES::textNode)),
          Tuple.of(3, oddStrings().map(NODES::textNode)));
    }
    if (shape instanceof Num n) {
      return Arbitraries.frequencyOf(
          Tuple.of(5, Arbitraries.of(n.typical()).map(v -> (JsonNode) NODES.numberNode(v))),
          Tuple.of(3, oddNumbers()));
    }
    return Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false));
  }

  /** Each field present or not, and now and then a field the schema does not know. */
  private static Arbitrary<JsonNode> object(Obj shape, int depth) {
    List<Arbitrary<Optional<Map.Entry<String, JsonNode>>>> fields = new ArrayList<>();
    for (Map.Entry<String, Shape> field : shape.fields().entrySet()) {
      fields.add(
          Arbitraries.frequencyOf(
              Tuple.of(1, Arbitraries.just(Optional.empty())),
              Tuple.of(
                  5,
                  value(field.getValue(), depth - 1)
                      .map(v -> Optional.of(Map.entry(field.getKey(), v))))));
    }
    fields.add(
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(Optional.empty())),
            Tuple.of(
                1,
                Combinators.combine(
                        Arbitraries.of("unknown", "data", "__proto__", "userId", ""), anyJson(1))
                    .as((name, v) -> Optional.of(Map.entry(name, v))))));
    return Combinators.combine(fields)
        .as(
            present -> {
              ObjectNode object = NODES.objectNode();
              present.forEach(entry -> entry.ifPresent(e -> object.set(e.getKey(), e.getValue())));
              return object;
            });
  }

  /** Strings real callers should not send, and some they might. */
  private static Arbitrary<String> oddStrings() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            " ",
            "\u0000",
            "\u200b",
            "\ud800",
            "\udfff\ud800",
            "\uFEFF",
            "é🙂",
            "a\nb",
            "${jndi:ldap://x/a}",
            "../../etc/passwd",
            "<script>",
            "%00",
            "*",
            "null",
            "a".repeat(129),
            "x".repeat(256),
            "\uD83D\uDE42".repeat(256), // 256 code points in 512 UTF-16 units: a column's edge
            "\uD83D\uDE42".repeat(512),
            "\u00e9".repeat(1024),
            "a".repeat(64) + "@" + "b".repeat(185) + ".com", // a 254-character address
            "a".repeat(257),
            "b".repeat(1025),
            "c".repeat(5000)),
        Arbitraries.strings().all().ofMaxLength(40));
  }

  private static Arbitrary<JsonNode> oddNumbers() {
    return Arbitraries.of(
        NODES.numberNode(-1L),
        NODES.numberNode(Long.MAX_VALUE),
        NODES.numberNode(Long.MIN_VALUE),
        NODES.numberNode(new BigInteger("123456789012345678901234567890")),
        NODES.numberNode(1.5),
        NODES.numberNode(1e300),
        NODES.numberNode(-0.0),
        NODES.numberNode(Integer.MAX_VALUE + 1L),
        NODES.textNode("123"));
  }

  /** Any JSON value at all, nested up to {@code depth}. */
  private static Arbitrary<JsonNode> anyJson(int depth) {
    List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> choices = new ArrayList<>();
    choices.add(Tuple.of(1, Arbitraries.just(NODES.nullNode())));
    choices.add(Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false))));
    choices.add(Tuple.of(1, Arbitraries.longs().map(v -> (JsonNode) NODES.numberNode(v))));
    choices.add(Tuple.of(1, oddNumbers()));
    choices.add(Tuple.of(2, oddStrings().map(v -> (JsonNode) NODES.textNode(v))));
    if (depth > 0) {
      choices.add(
          Tuple.of(
              1,
              anyJson(depth - 1)
                  .list()
                  .ofMaxSize(3)
                  .map(
                      items -> {
                        ArrayNode array = NODES.arrayNode();
                        items.forEach(array::add);
                        return (JsonNode) array;
                      })));
      choices.add(
          Tuple.of(
              1,
              Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), anyJson(depth - 1))
                  .ofMaxSize(3)
                  .map(
                      entries -> {
                        ObjectNode object = NODES.objectNode();
                        entries.forEach(object::set);
                        return (JsonNode) object;
                      })));
    }
    return Arbitraries.frequencyOf(choices);
  }

  // --- invalid JSON ----------------------------------------------------------------------------

  /** The body broken one way or another: no longer JSON, or JSON a strict reader refuses. */
  private static Arbitrary<byte[]> broken(byte[] body) {
    return Arbitraries.randoms().map(random -> breakOnce(body, random));
  }

  private static byte[] breakOnce(byte[] body, Random random) {
    String text = new String(body, StandardCharsets.UTF_8);
    int at = text.isEmpty() ? 0 : random.nextInt(text.length());
    return switch (random.nextInt(9)) {
      case 0 -> Arrays.copyOf(body, at); // cut short
      case 1 ->
          (text.substring(0, at) + "\"" + text.substring(at)).getBytes(StandardCharsets.UTF_8);
      case 2 -> (text.substring(0, at) + "}" + text.substring(at)).getBytes(StandardCharsets.UTF_8);
      case 3 -> // a duplicate key
          text.startsWith("{\"")
              ? text.replaceFirst("^\\{(\"[^\"]*\"):", "{$1:1,$1:").getBytes(StandardCharsets.UTF_8)
              : ("{\"a\":1,\"a\":2}").getBytes(StandardCharsets.UTF_8);
      case 4 -> (text + " trailing").getBytes(StandardCharsets.UTF_8);
      case 5 -> (text + text).getBytes(StandardCharsets.UTF_8); // two values
      case 6 -> { // bytes that are not UTF-8
        byte[] copy = Arrays.copyOf(body, body.length + 2);
        System.arraycopy(body, at, copy, at + 2, body.length - at);
        copy[at] = (byte) 0xC3;
        copy[at + 1] = (byte) 0x28;
        yield copy;
      }
      case 7 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8); // a byte order mark
      default -> // deeply nested
          ("{\"data\":" + "[".repeat(3000) + "]".repeat(3000) + "}")
              .getBytes(StandardCharsets.UTF_8);
    };
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
