package dev.tokenmint.adapter.crypto;

import dev.tokenmint.domain.key.SecretBytes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The 256-bit AES key that seals every private signing key at rest: {@link SecretBytes}, so
 * compared in constant time and never shown by {@link #toString()}.
 */
public record MasterKey(SecretBytes secret) {

  /** Key length in bytes. */
  public static final int BYTES = 32;

  /** Exactly {@link #BYTES} bytes. */
  public MasterKey {
    if (secret.length() != BYTES) {
      throw new IllegalArgumentException(
          "must be " + BYTES + " bytes (256 bits), got " + secret.length() + " bytes");
    }
  }

  private MasterKey(byte[] bytes) {
    this(SecretBytes.of(bytes));
  }

  /** A new random key. */
  public static MasterKey generate() {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /**
   * The key from its standard or URL-safe Base64 text (32 bytes, e.g. {@code openssl rand -base64
   * 32}).
   *
   * @throws IllegalArgumentException when the text is not Base64 of exactly 32 bytes; the message
   *     does not repeat the text
   */
  public static MasterKey fromBase64(String text) {
    String trimmed = text.trim();
    byte[] bytes;
    try {
      bytes =
          trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(trimmed)
              : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not Base64 (try: openssl rand -base64 32)");
    }
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "must be " + BYTES + " bytes (256 bits) in Base64, got " + bytes.length + " bytes");
    }
    return new MasterKey(bytes);
  }

  /** The standard Base64 text of the key, for writing it to its file. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(secret.copy());
  }

  byte[] bytes() {
    return secret.copy();
  }
}
