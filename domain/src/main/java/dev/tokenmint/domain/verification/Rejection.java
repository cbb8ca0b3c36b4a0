package dev.tokenmint.domain.verification;

import java.util.Arrays;
import java.util.List;

/** Why a token fails verification, one constant per rule; the wire name is lowercase. */
public enum Rejection {
  /**
   * Not a compact JWS, bad Base64, bad JSON, claims of the wrong type, or claims a Velt token
   * always has missing ({@code sub}, {@code jti}, {@code iat}), a lifetime longer than a Velt
   * token's, or grants that do not read.
   */
  MALFORMED("malformed"),
  /** Larger than the token size limit. */
  TOO_LARGE("too_large"),
  /** {@code alg} is {@code none}, unknown, not allowed for the workspace, or not the key's. */
  ALGORITHM_NOT_ALLOWED("algorithm_not_allowed"),
  /**
   * A header tokenmint never sets and refuses: {@code jwk}, {@code jku}, {@code x5u}, {@code x5c},
   * {@code crit}, {@code b64}, {@code zip}.
   */
  FORBIDDEN_HEADER("forbidden_header"),
  /** {@code typ} is missing or not the media type {@code JWT}. */
  WRONG_TYPE("wrong_type"),
  /** No {@code kid}, or one that is not a verifying key of the workspace's ring. */
  UNKNOWN_KEY("unknown_key"),
  /** The signature does not verify under the key named. */
  BAD_SIGNATURE("bad_signature"),
  /**
   * {@code exp} is past (beyond the clock skew), or missing, or {@code iat} is longer ago than a
   * token lives.
   */
  EXPIRED("expired"),
  /** {@code nbf} or {@code iat} is in the future (beyond the clock skew). */
  NOT_YET_VALID("not_yet_valid"),
  /** {@code iss} is not the workspace's issuer. */
  WRONG_ISSUER("wrong_issuer"),
  /**
   * {@code aud} does not name the expected audience, names one when none is expected, or is absent
   * when one is expected. tokenmint's own tokens carry no {@code aud}.
   */
  WRONG_AUDIENCE("wrong_audience"),
  /** Its {@code jti} was revoked. */
  REVOKED("revoked");

  /** The wire names, in order. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(Rejection::wireName).toList();

  private final String wireName;

  Rejection(String wireName) {
    this.wireName = wireName;
  }

  /** The lowercase name in API answers. */
  public String wireName() {
    return wireName;
  }
}
