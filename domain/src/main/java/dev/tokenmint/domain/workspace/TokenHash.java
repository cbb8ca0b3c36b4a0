package dev.tokenmint.domain.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 digest of an auth token: how a credential's secret is stored. Generated auth tokens
 * carry at least 256 random bits, so a fast digest is the right hash (a password hash on the
 * request path would cost orders of magnitude in throughput and buy nothing). Compared in constant
 * time.
 */
public final class TokenHash {

  private final byte[] digest;

  private TokenHash(byte[] digest) {
    this.digest = digest;
  }

  /** The hash of {@code authToken}'s UTF-8 bytes. */
  public static TokenHash of(String authToken) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return new TokenHash(sha256.digest(authToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** A stored hash, from its lowercase hex form. */
  public static TokenHash fromHex(String hex) {
    byte[] digest = HexFormat.of().parseHex(hex);
    if (digest.length != 32) {
      throw new IllegalArgumentException("a token hash is 32 bytes");
    }
    return new TokenHash(digest);
  }

  /** The lowercase hex form, for storage and lookup. */
  public String toHex() {
    return HexFormat.of().formatHex(digest);
  }

  /** Constant-time comparison. */
  public boolean matches(TokenHash other) {
    return MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenHash that && MessageDigest.isEqual(digest, that.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "TokenHash[redacted]";
  }
}
