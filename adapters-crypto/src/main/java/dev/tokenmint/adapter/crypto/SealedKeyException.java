package dev.tokenmint.adapter.crypto;

/** A stored private key cannot be opened: sealed under another master key, or tampered with. */
public final class SealedKeyException extends RuntimeException {

  /** A failure for the key {@code kid}. */
  public SealedKeyException(String kid, Throwable cause) {
    super(
        "the master key does not open signing key "
            + kid
            + "; start with the master key the keys were sealed with",
        cause);
  }
}
