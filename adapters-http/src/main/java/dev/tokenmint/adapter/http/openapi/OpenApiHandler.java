package dev.tokenmint.adapter.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml} and {@code GET /openapi.json}: the OpenAPI document of docs/, packed
 * into this module's jar. Read when the server is built, so a missing document stops the start;
 * converted to JSON once, at the first request for it: parsing the YAML took a tenth of a restart,
 * which no other route needs. The build's OpenApiIT parses the packaged document, so a broken one
 * stops the build.
 */
public final class OpenApiHandler {

  /** Where the build puts docs/openapi.yaml on the classpath. */
  static final String RESOURCE = "openapi.yaml";

  static final String YAML_TYPE = "application/yaml";
  static final String JSON_TYPE = "application/json";

  private final byte[] yaml;
  private final ObjectMapper mapper;
  // Written once, by the first request for the JSON form (converting twice would be harmless).
  private volatile byte[] json;

  /** The document on the classpath, its JSON form to be written with {@code mapper}. */
  public OpenApiHandler(ObjectMapper mapper) {
    this.yaml = read();
    this.mapper = mapper;
  }

  /** The document as written in docs/. */
  public void yaml(Context ctx) {
    ctx.contentType(YAML_TYPE).result(yaml);
  }

  /** The same document as JSON. */
  public void json(Context ctx) {
    byte[] converted = json;
    if (converted == null) {
      converted = toJson();
      json = converted;
    }
    ctx.contentType(JSON_TYPE).result(converted);
  }

  private byte[] toJson() {
    try {
      JsonNode document = new YAMLMapper().readTree(yaml);
      if (document == null || !document.isObject() || !document.has("openapi")) {
        throw new IllegalStateException(RESOURCE + " on the classpath is not an OpenAPI document");
      }
      return mapper.writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + " on the classpath is not valid YAML", e);
    }
  }

  private static byte[] read() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the classpath; the build copies it from docs/");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE + " from the classpath", e);
    }
  }
}
