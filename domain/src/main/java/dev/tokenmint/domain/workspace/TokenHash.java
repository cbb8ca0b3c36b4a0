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

  /** The hash of {@code authToken}'s UTF-8 bytes. */
  public static TokenHash of(String authToken) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return new TokenHash(
          SecretBytes.of(sha256.digest(authToken.getBytes(StandardCharsets.UTF_8))));
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
