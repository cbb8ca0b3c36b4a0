package dev.tokenmint.domain.token;

import java.util.Map;
import java.util.Optional;

/**
 * The claims of a token, immutable and in the order they are serialized. Values are strings, longs,
 * finite doubles, booleans, lists and nested maps of these.
 */
public record TokenClaims(Map<String, Object> asMap) {

  /** Copies {@code asMap} deeply, keeping its order; rejects values a token cannot hold. */
  public TokenClaims {
    asMap = JsonObject.copyOf(asMap);
  }

  /** The value of one claim, if present. */
  public Optional<Object> get(String name) {
    return Optional.ofNullable(asMap.get(name));
  }
}
