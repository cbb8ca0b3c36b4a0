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

  /** The claim {@code name} when it is a string; empty when absent or of another type. */
  public Optional<String> string(String name) {
    return asMap.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
  }

  /**
   * The claim {@code name} when it is an integer (JSON numbers without a fraction, such as the
   * times {@code iat}, {@code exp}, {@code nbf} in Unix seconds); empty when absent or of another
   * type.
   */
  public Optional<Long> integer(String name) {
    return asMap.get(name) instanceof Long value ? Optional.of(value) : Optional.empty();
  }
}
