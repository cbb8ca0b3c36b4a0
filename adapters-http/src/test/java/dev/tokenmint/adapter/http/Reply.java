package dev.tokenmint.adapter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One HTTP response: status, headers and body text. */
record Reply(int status, HttpHeaders headers, String body) {

  /** Parses strictly: a response with a duplicate key is as wrong as a request with one. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /** The body as JSON. */
  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("response body is not JSON: " + body, e);
    }
  }

  /** The first value of header {@code name}. */
  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The field names of a JSON object, in order. */
  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Parses {@code text} as JSON, for expected values. */
  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }

  @Override
  public String toString() {
    return "HTTP " + status + " " + body;
  }
}
