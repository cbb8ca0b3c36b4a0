package dev.tokenmint.application.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates API keys and auth tokens from a strong random source. */
final class Secrets {

  /** Random bits in a generated auth token: enough that a fast digest is the right hash. */
  static final int AUTH_TOKEN_BYTES = 32;

  /** Prefix of generated auth tokens, so secret scanners can spot a leaked one. */
  static final String AUTH_TOKEN_PREFIX = "tmat_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new auth token: {@code tmat_} and 256 random bits, URL-safe. */
  static String newAuthToken() {
    return AUTH_TOKEN_PREFIX + random(AUTH_TOKEN_BYTES);
  }

  /** A new API key: {@code tmk_} and 128 random bits, URL-safe. */
  static String newApiKey() {
    return "tmk_" + random(16);
  }

  /**
   * A new workspace id: {@code tmw_} and 128 random bits, URL-safe. Ids start with a letter so that
   * no command line takes one for an option (a bare base64url id starts with '-' once in 64).
   */
  static String newWorkspaceId() {
    return "tmw_" + random(16);
  }

  /** A new credential id: {@code tmc_} and 128 random bits, URL-safe; never starts with '-'. */
  static String newCredentialId() {
    return "tmc_" + random(16);
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
