package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webjars.WebJarVersionLocator;

/**
 * {@code GET /docs}: an HTML page that renders the served OpenAPI document with swagger-ui, every
 * file it loads served by tokenmint from the jar, under a Content-Security-Policy that allows this
 * origin only. {@link DocsBrowserIT} renders it in a real browser.
 */
class DocsIT {

  private static final String VERSION = new WebJarVersionLocator().version("swagger-ui");
  private static final String ASSETS = "/docs/assets/" + VERSION + "/";

  /** {@code src} and {@code href} attributes: all that an HTML page loads or links to. */
  private static final Pattern LINKED = Pattern.compile("\\b(?:src|href)=\"([^\"]*)\"");

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
  void page_is_html_for_anyone_under_a_policy_that_loads_only_from_this_origin() {
    Reply reply = server.get("/docs");

    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(200);
    assertType(reply.header("Content-Type"), "text/html; charset=utf-8");
    assertThat(reply.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(reply.header("Cache-Control")).hasValue("no-cache");
    assertThat(policy(reply))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "default-src", "'none'",
                "script-src", "'self'",
                "style-src", "'self' 'unsafe-inline'",
                "img-src", "'self' data:",
                "connect-src", "'self'",
                "base-uri", "'none'",
                "form-action", "'none'",
                "frame-ancestors", "'none'"));
    assertThat(reply.body()).startsWith("<!DOCTYPE html>").contains("<div id=\"swagger-ui\">");
  }

  @Test
  void page_loads_swagger_ui_of_the_webjar_and_its_own_script_all_from_tokenmint() {
    List<String> linked = linkedFrom(server.get("/docs").body());

    assertThat(linked)
        .containsExactlyInAnyOrder(
            ASSETS + "swagger-ui.css",
            ASSETS + "favicon-32x32.png",
            ASSETS + "favicon-16x16.png",
            ASSETS + "swagger-ui-bundle.js",
            "/docs/init.js",
            "/openapi.json",
            "/openapi.yaml");
    for (String path : linked) {
      assertThat(server.get(path).status()).as("HTTP status of GET %s", path).isEqualTo(200);
    }
  }

  @Test
  void init_script_is_javascript_revalidated_on_every_load() {
    Reply reply = server.get("/docs/init.js");

    assertThat(reply.status()).as("HTTP status of %s", reply).isEqualTo(200);
    assertType(reply.header("Content-Type"), "text/javascript; charset=utf-8");
    assertThat(reply.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(reply.header("Cache-Control")).hasValue("no-cache");
    assertThat(reply.body())
        .contains("SwaggerUIBundle(", "\"/openapi.json\"", "validatorUrl: null");
  }

  @Test
  void swagger_ui_files_are_the_webjars_bytes_with_their_type_cached_for_a_year()
      throws IOException, InterruptedException {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("swagger-ui-bundle.js", "text/javascript; charset=utf-8");
    types.put("swagger-ui.css", "text/css; charset=utf-8");
    types.put("favicon-32x32.png", "image/png");
    types.put("favicon-16x16.png", "image/png");

    for (var file : types.entrySet()) {
      var response = getBytes(ASSETS + file.getKey());

      assertThat(response.statusCode()).as("HTTP status of %s", file.getKey()).isEqualTo(200);
      assertType(response.headers().firstValue("Content-Type"), file.getValue());
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
      assertThat(Arrays.equals(response.body(), webjarFile(file.getKey())))
          .as("%s is the webjar's file, byte for byte", file.getKey())
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "index.html", // the webjar's demo page
        "swagger-initializer.js", // would point swagger-ui at an outside demo document
        "oauth2-redirect.html",
        "swagger-ui.js",
        "swagger-ui-bundle.js.LICENSE.txt",
        "init.js",
        "openapi.yaml",
        "SWAGGER-UI.CSS",
        "swagger-ui.css;.html",
        "..",
        "%2e%2e",
        "..%2F..%2F..%2Fopenapi.yaml",
        "..%2f..%2fpom.xml",
        "%2e%2e%2f%2e%2e%2findex.html",
        "..%252F..%252Fopenapi.yaml",
        "..%5Copenapi.yaml",
        "%2Fetc%2Fpasswd"
      })
  void a_file_the_page_does_not_load_is_not_found_in_the_envelope(String file) {
    Reply reply = server.get(ASSETS + file);

    assertVeltFailure(reply, 404, "NOT_FOUND", "not a file of the API reference");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0.0.0", "..", "%2e%2e", "latest"})
  void swagger_ui_files_under_another_version_are_not_found_in_the_envelope(String version) {
    Reply reply = server.get("/docs/assets/" + version + "/swagger-ui.css");

    assertVeltFailure(reply, 404, "NOT_FOUND", "serves swagger-ui " + VERSION + " only");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"../../../openapi.yaml", "../../openapi.json", "swagger-ui.css%00.html"})
  void a_path_that_leaves_the_assets_never_reaches_another_file(String file) {
    Reply reply = server.get(ASSETS + file);

    assertThat(reply.status()).as("HTTP status of %s", reply).isIn(400, 404);
    assertThat(reply.body())
        .as("a file's content")
        .doesNotContain("openapi:", "\"openapi\"", ".swagger-ui", "SwaggerUIBundle");
  }

  /** Asserts a media type and its parameters, with or without the space Jetty may drop. */
  private static void assertType(Optional<String> header, String expected) {
    assertThat(header)
        .hasValueSatisfying(
            type ->
                assertThat(type.replace(" ", ""))
                    .as("Content-Type")
                    .isEqualToIgnoringCase(expected.replace(" ", "")));
  }

  /** The Content-Security-Policy header, as directive name to value. */
  private static Map<String, String> policy(Reply reply) {
    String header = reply.header("Content-Security-Policy").orElseThrow();
    Map<String, String> directives = new LinkedHashMap<>();
    for (String directive : header.split(";")) {
      String[] nameAndValue = directive.trim().split(" ", 2);
      directives.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
    }
    return directives;
  }

  private static List<String> linkedFrom(String html) {
    Matcher matcher = LINKED.matcher(html);
    return matcher.results().map(result -> result.group(1)).toList();
  }

  /** GET {@code path}, the body as bytes: images and scripts compared byte for byte. */
  private static HttpResponse<byte[]> getBytes(String path)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(
        HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).build(),
        BodyHandlers.ofByteArray());
  }

  private static byte[] webjarFile(String file) throws IOException {
    String resource = new WebJarVersionLocator().fullPath("swagger-ui", file);
    try (InputStream in = DocsIT.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("%s on the test classpath", resource).isNotNull();
      return in.readAllBytes();
    }
  }
}
