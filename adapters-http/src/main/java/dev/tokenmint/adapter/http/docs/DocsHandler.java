package dev.tokenmint.adapter.http.docs;

import dev.tokenmint.domain.failure.NotFoundException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.webjars.WebJarVersionLocator;

/**
 * {@code GET /docs}: the served OpenAPI document rendered by swagger-ui, as a browsable reference.
 * Every file the page loads comes from this jar (swagger-ui's from its webjar), so it works with no
 * internet, and the page's Content-Security-Policy lets it load nothing from anywhere else.
 */
public final class DocsHandler {

  /** The webjar that holds swagger-ui; its version comes from the jar on the classpath. */
  static final String WEBJAR = "swagger-ui";

  /**
   * The webjar's files the page loads, and their types. Nothing else of the webjar is served: its
   * demo page and initializer would render an outside document.
   */
  static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "swagger-ui.css", "text/css; charset=utf-8",
          "favicon-32x32.png", "image/png",
          "favicon-16x16.png", "image/png");

  /**
   * Scripts, styles, images and requests from this origin only. swagger-ui sets style attributes,
   * hence {@code 'unsafe-inline'} for styles (never for scripts: the page's own script is served as
   * a file); its icons are {@code data:} images. No framing, no forms, no base URL.
   */
  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'");

  /** swagger-ui's files never change under a path that names their version. */
  static final String ASSET_CACHE = "public, max-age=31536000, immutable";

  /** The page and its script name the current swagger-ui version: revalidated on every load. */
  static final String PAGE_CACHE = "no-cache";

  private static final String ASSETS_PLACEHOLDER = "{{assets}}";

  private final String version;
  private final Map<String, String> resources;
  private final byte[] page;
  private final byte[] script;

  /**
   * A handler for the swagger-ui webjar on the classpath. Fails when it or one of its files is
   * missing, so a broken build stops the start rather than a page load.
   */
  public DocsHandler() {
    WebJarVersionLocator locator = new WebJarVersionLocator();
    String found = locator.version(WEBJAR);
    if (found == null) {
      throw new IllegalStateException("the " + WEBJAR + " webjar is missing from the classpath");
    }
    this.version = found;
    Map<String, String> paths = new HashMap<>();
    for (String file : ASSETS.keySet()) {
      String resource = locator.fullPath(WEBJAR, file);
      if (DocsHandler.class.getClassLoader().getResource(resource) == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      paths.put(file, resource);
    }
    this.resources = Map.copyOf(paths);
    String html = new String(read("page.html"), StandardCharsets.UTF_8);
    if (!html.contains(ASSETS_PLACEHOLDER)) {
      throw new IllegalStateException("page.html does not name " + ASSETS_PLACEHOLDER);
    }
    this.page =
        html.replace(ASSETS_PLACEHOLDER, "/docs/assets/" + version)
            .getBytes(StandardCharsets.UTF_8);
    this.script = read("init.js");
  }

  /** The page. */
  public void page(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    answer(ctx, "text/html; charset=utf-8", PAGE_CACHE).result(page);
  }

  /** The page's own script: renders {@code /openapi.json} with swagger-ui. */
  public void script(Context ctx) {
    answer(ctx, "text/javascript; charset=utf-8", PAGE_CACHE).result(script);
  }

  /**
   * One of swagger-ui's files, named by the {@code version} and {@code file} path parameters;
   * streamed from the jar rather than held in the heap: the page is rarely loaded and the bundle
   * weighs 1.7 MB.
   *
   * @throws NotFoundException for another version or a file the page does not load
   */
  public void asset(Context ctx) {
    if (!version.equals(ctx.pathParam("version"))) {
      throw new NotFoundException(
          "the API reference serves swagger-ui " + version + " only; reload /docs");
    }
    String file = ctx.pathParam("file");
    String type = ASSETS.get(file);
    if (type == null) {
      throw new NotFoundException(
          "not a file of the API reference; /docs names the files it loads");
    }
    InputStream in = DocsHandler.class.getClassLoader().getResourceAsStream(resources.get(file));
    if (in == null) {
      throw new IllegalStateException(resources.get(file) + " vanished from the classpath");
    }
    answer(ctx, type, ASSET_CACHE).result(in);
  }

  private static Context answer(Context ctx, String type, String cacheControl) {
    return ctx.contentType(type)
        .header("Cache-Control", cacheControl)
        .header("X-Content-Type-Options", "nosniff");
  }

  private static byte[] read(String name) {
    try (InputStream in = DocsHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + " from the classpath", e);
    }
  }
}
