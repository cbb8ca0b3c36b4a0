package dev.tokenmint.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.adapter.http.FuzzedBodies;
import dev.tokenmint.adapter.http.FuzzedBodies.Request;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Reading a body straight into its record gives what reading it through a tree always gave: the
 * same value, or the same problems at the same paths, for the fuzzed bodies of every route read as
 * generate_token's and check_access's shapes (most of other routes' bodies fail on their fields).
 */
class JsonBodiesDirectBindingTest {

  private final JsonBodies bodies = new JsonBodies();

  /** generate_token's body, component for component. */
  record Mint(
      @NotNull(message = "is required") String userId,
      @Valid Properties userProperties,
      @Valid Permissions permissions,
      Map<String, Object> attributes) {}

  record Properties(Boolean isAdmin, String name, String email) {}

  record Permissions(@NotNull(message = "is required") List<Grant> resources) {}

  record Grant(String type, String id, String organizationId, String accessRole, Long expiresAt) {}

  /** check_access's body. */
  record Check(
      @NotNull(message = "is required") String token,
      String type,
      String id,
      String organizationId,
      String folderId) {}

  @Property(tries = 1500, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void a_fuzzed_body_reads_directly_as_through_a_tree(@ForAll("requests") Request request) {
    for (Class<?> type : List.of(Mint.class, Check.class)) {
      for (boolean unwrap : List.of(true, false)) {
        assertThat(outcome(() -> bodies.read(request.body(), type, unwrap)))
            .as("%s as %s", request, type.getSimpleName())
            .isEqualTo(outcome(() -> bodies.readThroughTree(request.body(), type, unwrap)));
      }
    }
  }

  @Example
  void odd_bodies_read_directly_as_through_a_tree() {
    List<String> odd =
        List.of(
            "{\"data\":{\"userId\":\"u\",\"attributes\":{\"a\":1.5,\"b\":[1,{\"c\":null}],"
                + "\"d\":12345678901234567890,\"e\":true,\"f\":\"x\",\"g\":-0.0,\"h\":1e300}}}",
            "{\"userId\":\"u\",\"data\":{}}",
            "{\"data\":{\"userId\":\"u\"},\"userId\":\"v\"}",
            "{\"data\":{\"userId\":\"u\"}} {}",
            "{\"data\":{\"userId\":\"u\"}}]",
            "{\"data\":null}",
            "{\"data\":{\"userId\":\"u\",\"userId\":\"v\"}}",
            "{\"data\":{\"data\":{\"userId\":\"u\"}}}",
            "{}",
            "{\"data\":{}}",
            "null",
            "[]",
            "\"x\"",
            "{\"userId\":\"u\"}\n",
            "{\"data\":{\"userId\":\"u\",\"permissions\":{\"resources\":[null]}}}",
            "{\"data\":{\"userId\":\"u\",\"permissions\":{\"resources\":[{\"expiresAt\":1.0}]}}}",
            "{\"data\":{\"userId\":1}}",
            "{\"data\":{\"token\":\"t\",\"type\":\"document\"}}");
    for (String body : odd) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      for (Class<?> type : List.of(Mint.class, Check.class)) {
        for (boolean unwrap : List.of(true, false)) {
          assertThat(outcome(() -> bodies.read(bytes, type, unwrap)))
              .as("%s as %s", body, type.getSimpleName())
              .isEqualTo(outcome(() -> bodies.readThroughTree(bytes, type, unwrap)));
        }
      }
    }
  }

  @Example
  void a_wrapped_body_binds_to_its_record() {
    byte[] body =
        ("{\"data\":{\"userId\":\"u\",\"userProperties\":{\"isAdmin\":false,\"email\":\"a@b.io\"},"
                + "\"permissions\":{\"resources\":[{\"type\":\"document\",\"id\":\"d\","
                + "\"organizationId\":\"o\",\"expiresAt\":1640995200}]},\"attributes\":{\"k\":1}}}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(bodies.read(body, Mint.class, true))
        .isEqualTo(
            new Mint(
                "u",
                new Properties(false, null, "a@b.io"),
                new Permissions(List.of(new Grant("document", "d", "o", null, 1640995200L))),
                Map.of("k", 1)));
  }

  /** The value read, or the problems found, as comparable text. */
  private static Object outcome(java.util.function.Supplier<?> read) {
    try {
      return read.get();
    } catch (InvalidArgumentException e) {
      return "refused: " + e.violations();
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    return FuzzedBodies.requests();
  }
}
