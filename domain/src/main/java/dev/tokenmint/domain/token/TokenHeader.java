package dev.tokenmint.domain.token;

import java.util.Map;

/**
 * The JOSE header of a token, immutable and in the order it is serialized (the Datafor dialect puts
 * {@code typ} before {@code alg}, and tokenmint reproduces that byte for byte).
 */
public record TokenHeader(Map<String, Object> asMap) {

  /** Copies {@code asMap}, keeping its order; {@code alg} is required. */
  public TokenHeader {
    asMap = JsonObject.copyOf(asMap);
    if (!(asMap.get("alg") instanceof String)) {
      throw new IllegalArgumentException("a token header needs an 'alg'");
    }
  }

  /** The JOSE algorithm name. */
  public String algorithm() {
    return (String) asMap.get("alg");
  }
}
