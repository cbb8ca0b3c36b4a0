package dev.tokenmint.domain.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, ordered JSON object of the few value kinds a token holds: strings, longs, finite
 * doubles (an attribute may be a decimal), booleans, lists and nested objects. Order is kept so
 * that the serialized token is stable.
 */
final class JsonObject {

  private JsonObject() {}

  /** A deep, immutable copy of {@code fields} that checks every value's kind. */
  static Map<String, Object> copyOf(Map<?, ?> fields) {
    Map<String, Object> copy = new LinkedHashMap<>(fields.size() * 2);
    fields.forEach(
        (name, value) -> {
          if (!(Objects.requireNonNull(name, "name") instanceof String key)) {
            throw new IllegalArgumentException("a claim name must be a string: " + name);
          }
          copy.put(key, copyValue(key, value));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(String name, Object value) {
    if (value instanceof String || value instanceof Long || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Double d && Double.isFinite(d)) {
      return d;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> copyValue(name, v)).toList();
    }
    if (value instanceof Map<?, ?> map) {
      return copyOf(map);
    }
    throw new IllegalArgumentException(
        "claim '" + name + "' has a value a token cannot hold: " + value);
  }
}
