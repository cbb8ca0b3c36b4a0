package dev.tokenmint.domain.key;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Bytes that must not leak: a key, or the digest of a secret. Compared in constant time, handed out
 * only as copies, never shown by {@link #toString()}. The value inside the types that hold such
 * bytes, so that each of them is a record with these semantics.
 */
public final class SecretBytes {

  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static SecretBytes of(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] copy() {
    return bytes.clone();
  }

  /** How many bytes. */
  public int length() {
    return bytes.length;
  }

  /** Equal to the same bytes, compared in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SecretBytes that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
