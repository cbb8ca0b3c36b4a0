package dev.tokenmint.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tokenmint.application.fixture.TestApplication;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.yaml} and {@code /openapi.json} serve docs/openapi.yaml, and that document
 * describes exactly the routes {@link HttpServer} registers.
 */
class OpenApiIT {

  private static final Path SOURCE = Path.of("..", "docs", "openapi.yaml");

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
  void yaml_is_served_to_anyone_as_written_in_docs() throws IOException {
    Reply reply = server.get("/openapi.yaml");

    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(200);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
    assertThat(reply.body()).isEqualTo(Files.readString(SOURCE));
  }

  @Test
  void json_is_served_to_anyone_with_the_content_of_the_yaml() throws IOException {
    Reply json = server.get("/openapi.json");
    Reply yaml = server.get("/openapi.yaml");

    assertThat(json.status()).as("HTTP status of %s", json).isEqualTo(200);
    assertThat(json.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json.json()).isEqualTo(new YAMLMapper().readTree(yaml.body()));
  }

  @Test
  void every_registered_route_is_in_the_document_and_nothing_else() {
    JsonNode paths = server.get("/openapi.json").json().get("paths");
    List<String> documented = new ArrayList<>();
    for (var path : paths.properties()) {
      for (String method : Reply.fieldNames(path.getValue())) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }

    // Javalin's <name> is a path parameter that may hold slashes; OpenAPI writes every one {name}
    assertThat(server.routes().stream().map(r -> r.replace('<', '{').replace('>', '}')).toList())
        .as("routes registered in HttpServer")
        .contains(
            "POST /v2/auth/generate_token", "GET /openapi.json", "GET /openapi.yaml", "GET /docs")
        .containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void every_post_route_documents_408_and_415_in_its_dialect() {
    JsonNode paths = server.get("/openapi.json").json().get("paths");
    List<String> posts = new ArrayList<>();
    for (var path : paths.properties()) {
      JsonNode post = path.getValue().get("post");
      if (post == null) {
        continue;
      }
      posts.add(path.getKey());
      String dialect = dialect(path.getKey());
      assertThat(post.at("/responses/408/$ref").asText())
          .as("408 of POST %s", path.getKey())
          .isEqualTo("#/components/responses/" + dialect + "Timeout");
      if (dialect.equals("OAuth")) {
        // a body that is not a form is RFC 6749's invalid_request, 400, not 415
        assertThat(post.at("/responses/415").isMissingNode())
            .as("415 of POST %s", path.getKey())
            .isTrue();
        continue;
      }
      assertThat(post.at("/responses/415/$ref").asText())
          .as("415 of POST %s", path.getKey())
          .isEqualTo("#/components/responses/" + dialect + "UnsupportedMediaType");
    }
    assertThat(posts)
        .hasSize((int) server.routes().stream().filter(r -> r.startsWith("POST ")).count());
  }

  @Test
  void every_answer_documents_the_request_id_header_and_every_failure_envelope_its_request_id() {
    JsonNode document = server.get("/openapi.json").json();
    List<String> undocumented = new ArrayList<>();
    for (var path : document.get("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        for (var response : operation.getValue().get("responses").properties()) {
          JsonNode answer = response.getValue();
          if (answer.has("$ref")) {
            String name = answer.get("$ref").asText().replace("#/components/responses/", "");
            answer = document.at("/components/responses/" + name);
          }
          if (!answer
              .at("/headers/X-Request-Id/$ref")
              .asText()
              .equals("#/components/headers/RequestId")) {
            undocumented.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
          }
        }
      }
    }
    assertThat(undocumented).as("answers without X-Request-Id").isEmpty();
    assertThat(document.at("/components/schemas/VeltFailure/properties/error/required"))
        .extracting(JsonNode::asText)
        .containsExactly("message", "status", "requestId");
    assertThat(document.at("/components/schemas/DataforFailure/required"))
        .extracting(JsonNode::asText)
        .containsExactly("success", "message", "requestId");
  }

  @Test
  void every_route_that_takes_a_credential_documents_429_in_its_dialect_and_no_public_route_does() {
    JsonNode paths = server.get("/openapi.json").json().get("paths");
    for (var path : paths.properties()) {
      for (var operation : path.getValue().properties()) {
        JsonNode rateLimited = operation.getValue().at("/responses/429/$ref");
        String route = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
        if (route.endsWith("/oauth2/token")) {
          // no credential, yet limited: the subject token is the credential of its family
          assertThat(rateLimited.asText()).isEqualTo("#/components/responses/OAuthRateLimited");
          continue;
        }
        if (operation.getValue().at("/security").isArray()
            && operation.getValue().at("/security").isEmpty()) {
          // security: [] marks the routes that take no credential: JWKS, health, metrics, OpenAPI
          assertThat(rateLimited.isMissingNode()).as("429 of %s", route).isTrue();
          continue;
        }
        String dialect = dialect(path.getKey());
        assertThat(rateLimited.asText())
            .as("429 of %s", route)
            .isEqualTo("#/components/responses/" + dialect + "RateLimited");
      }
    }
  }

  /** The dialect of a path's failures: Datafor's, OAuth's (RFC 6749 §5.2) or Velt's. */
  private static String dialect(String path) {
    return path.startsWith("/plugin/datafor-modeler/")
        ? "Datafor"
        : path.contains("/oauth2/") ? "OAuth" : "Velt";
  }

  @Test
  void document_is_openapi_3_1_with_info_paths_and_components() {
    JsonNode document = server.get("/openapi.json").json();

    assertThat(document.get("openapi").asText()).startsWith("3.1.");
    assertThat(document.at("/info/title").asText()).isEqualTo("tokenmint");
    assertThat(document.at("/info/version").isTextual()).isTrue();
    assertThat(document.get("paths").isObject()).isTrue();
    assertThat(Reply.fieldNames(document.at("/components/securitySchemes")))
        .containsExactlyInAnyOrder(
            "veltApiKey", "veltAuthToken", "apiKey", "bearerAuth", "basicAuth");
    assertThat(document.at("/components/schemas/ApiStatus/enum"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "INVALID_ARGUMENT",
            "UNAUTHENTICATED",
            "PERMISSION_DENIED",
            "NOT_FOUND",
            "ALREADY_EXISTS",
            "FAILED_PRECONDITION",
            "RESOURCE_EXHAUSTED",
            "INTERNAL",
            "UNAVAILABLE");
  }

  @Test
  void swagger_parser_reads_the_document_as_openapi_3_1_without_messages() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readContents(server.get("/openapi.yaml").body(), null, options);

    assertThat(result.getMessages()).as("parser messages").isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api).isNotNull();
    assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
    assertThat(api.getPaths()).hasSize(33);
    assertThat(api.getComponents().getSecuritySchemes()).hasSize(5);
  }
}
