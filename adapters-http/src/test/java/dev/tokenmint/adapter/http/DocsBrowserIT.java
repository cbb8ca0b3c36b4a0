package dev.tokenmint.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /docs} rendered in headless Chromium: swagger-ui, loaded from tokenmint alone, lists
 * every route as an operation, with the rest of the network unreachable, and breaks none of the
 * page's Content-Security-Policy. Skipped without a chromium binary unless {@code
 * TOKENMINT_TEST_BROWSER_REQUIRED=true}.
 */
class DocsBrowserIT {

  /** What swagger-ui writes for each operation: {@code data-path="/v2/auth/generate_token"}. */
  private static final Pattern OPERATION_PATH = Pattern.compile("data-path=\"([^\"]+)\"");

  /** Everything a rendered DOM makes the browser load: scripts, images, style sheets, icons. */
  private static final Pattern LOADED =
      Pattern.compile("\\bsrc=\"([^\"]*)\"|<link\\b[^>]*\\bhref=\"([^\"]*)\"");

  private static TestServer server;

  private Chromium chromium;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void findBrowser() {
    chromium = Chromium.onPath();
  }

  @Test
  void every_registered_route_is_an_operation_on_the_rendered_page(@TempDir Path work)
      throws IOException, InterruptedException {
    Chromium.Rendering page = chromium.render(server.uri("/docs"), work);

    assertRendersEveryRoute(page);
  }

  @Test
  void page_renders_with_every_host_but_tokenmint_unresolvable(@TempDir Path work)
      throws IOException, InterruptedException {
    Chromium.Rendering page =
        chromium.render(
            server.uri("/docs"), work, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");

    assertRendersEveryRoute(page);
  }

  private static void assertRendersEveryRoute(Chromium.Rendering page) {
    List<String> routes =
        server.routes().stream()
            .map(
                route ->
                    route.substring(route.indexOf(' ') + 1).replace('<', '{').replace('>', '}'))
            .toList();
    List<String> operations =
        OPERATION_PATH.matcher(page.dom()).results().map(match -> match.group(1)).toList();

    assertThat(page.dom())
        .as("the rendered page")
        .contains("id=\"operations-velt-generateToken\"")
        .doesNotContain("Could not render the API reference");
    assertThat(operations)
        .as("operations swagger-ui rendered")
        .contains(TestServer.GENERATE_TOKEN, TestServer.GENERATE_AUTHORIZATION)
        .containsExactlyInAnyOrderElementsOf(routes);
    assertThat(LOADED.matcher(page.dom()).results())
        .as("what the rendered page loads")
        .isNotEmpty()
        .allSatisfy(
            loaded -> {
              String target = loaded.group(1) != null ? loaded.group(1) : loaded.group(2);
              assertThat(target).as("a source of the page").matches("/[^/].*|data:.*");
            });
    assertThat(page.console())
        .as("the browser's console")
        .noneMatch(line -> line.contains("Content Security Policy"))
        .noneMatch(line -> line.contains("Failed to load"));
  }
}
