package dev.tokenmint.domain.workspace;

import dev.tokenmint.domain.key.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of an auth token: how a credential's secret is stored. Generated auth tokens
 * carry at least 256 random bits, so a fast digest is the right hash (a password hash on the
 * request path would cost orders of magnitude in throughput and buy nothing). Compared in constant
 * time, like every {@link SecretBytes}.
 */
public record TokenHash(SecretBytes digest) {

  /** Bytes of a SHA-256 digest. */
  public static final int LENGTH = 32;

  /**
   * A SHA-256 digest.
   *
   * @throws IllegalArgumentException when {@code digest} is not {@value #LENGTH} bytes
   */
  public TokenHash {
    if (digest.length() != LENGTH) {
      throw new IllegalArgumentException("a token hash is " + LENGTH + " bytes");
    }
  }

  /**
   * A digest never used, cloned for each hash: a clone skips the provider look-up of {@link
   * MessageDigest#getInstance} that every authenticated request would otherwise pay. Only read
   * (cloned), never updated, so sharing it between threads is safe.
   */
  private static final MessageDigest SHA_256 = sha256();

  /** The hash of {@code authToken}'s UTF-8 bytes. */
  public static TokenHash of(String authToken) {
    return new TokenHash(
        SecretBytes.of(freshDigest().digest(authToken.getBytes(StandardCharsets.UTF_8))));
  }

  private static MessageDigest freshDigest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * A stored hash, from its lowercase hex form.
   *
   * @throws IllegalArgumentException when {@code hex} is not the hex form of {@value #LENGTH} bytes
   */
  public static TokenHash fromHex(String hex) {
    return new TokenHash(SecretBytes.of(HexFormat.of().parseHex(hex)));
  }

  /** The lowercase hex form, for storage and lookup. */
  public String toHex() {
    return HexFormat.of().formatHex(digest.copy());
  }

  /** Constant-time comparison. */
  public boolean matches(TokenHash other) {
    return digest.equals(other.digest);
  }

  @Override
  public String toString() {
    return "TokenHash[redacted]";
  }
}
