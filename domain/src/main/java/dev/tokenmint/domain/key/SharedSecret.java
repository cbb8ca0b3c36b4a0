package dev.tokenmint.domain.key;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import java.nio.charset.StandardCharsets;

/**
 * A caller-supplied HMAC key (the Datafor {@code privateKey}): its UTF-8 bytes. RFC 7518 §3.2 asks
 * for keys of at least 256 bits for HS256; shorter ones are refused unless legacy short keys are
 * allowed. {@link #toString()} never shows the key.
 */
public record SharedSecret(SecretBytes key) {

  /** Fewest key bytes RFC 7518 §3.2 accepts for HS256. */
  public static final int MIN_BYTES = 32;

  /**
   * A key of any length but empty: how long it must be is the caller's policy, applied by {@link
   * #of}.
   *
   * @throws IllegalArgumentException when the key is empty
   */
  public SharedSecret {
    if (key.length() == 0) {
      throw new IllegalArgumentException("a shared secret is not empty");
    }
  }

  /**
   * The secret with the UTF-8 bytes of {@code value}, reported as {@code field} when refused.
   *
   * @throws InvalidArgumentException when empty, or shorter than {@value #MIN_BYTES} bytes and
   *     {@code allowShort} is false
   */
  public static SharedSecret of(String field, String value, boolean allowShort) {
    byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      throw new InvalidArgumentException(field, "is required and must not be empty");
    }
    if (bytes.length < MIN_BYTES && !allowShort) {
      throw new InvalidArgumentException(
          field,
          "is "
              + bytes.length * 8
              + " bits long; HS256 keys must be at least 256 bits (32 bytes) by RFC 7518 §3.2."
              + " Use a longer random key, or have the operator allow legacy short HMAC keys"
              + " (TOKENMINT_LEGACY_SHORT_HMAC_KEYS=true)");
    }
    return new SharedSecret(SecretBytes.of(bytes));
  }

  /** A copy of the key bytes. */
  public byte[] bytes() {
    return key.copy();
  }

  /** The key length in bytes. */
  public int length() {
    return key.length();
  }

  @Override
  public String toString() {
    return "SharedSecret[" + key.length() + " bytes, redacted]";
  }
}
