package dev.tokenmint.domain.verification;

import dev.tokenmint.domain.identifier.WireNamed;
import java.util.List;

/** Why a token fails verification, one constant per rule; the wire name is lowercase. */
public enum Rejection implements WireNamed {
  /**
   * Not a compact JWS, bad Base64, bad JSON, claims of the wrong type, or claims a Velt token
   * always has missing ({@code sub}, {@code jti}, {@code iat}), a lifetime longer than a Velt
   * token's, or grants that do not read.
   */
  MALFORMED,
  /** Larger than the token size limit. */
  TOO_LARGE,
  /** {@code alg} is {@code none}, unknown, not allowed for the workspace, or not the key's. */
  ALGORITHM_NOT_ALLOWED,
  /**
   * A header tokenmint never sets and refuses: {@code jwk}, {@code jku}, {@code x5u}, {@code x5c},
   * {@code crit}, {@code b64}, {@code zip}.
   */
  FORBIDDEN_HEADER,
  /** {@code typ} is missing or not the media type {@code JWT}. */
  WRONG_TYPE,
  /** No {@code kid}, or one that is not a verifying key of the workspace's ring. */
  UNKNOWN_KEY,
  /** The signature does not verify under the key named. */
  BAD_SIGNATURE,
  /**
   * {@code exp} is past (beyond the clock skew), or missing, or {@code iat} is longer ago than a
   * token lives.
   */
  EXPIRED,
  /** {@code nbf} or {@code iat} is in the future (beyond the clock skew). */
  NOT_YET_VALID,
  /** {@code iss} is not the workspace's issuer. */
  WRONG_ISSUER,
  /**
   * {@code aud} does not name the expected audience, names one when none is expected, or is absent
   * when one is expected. tokenmint's own tokens carry no {@code aud}.
   */
  WRONG_AUDIENCE,
  /**
   * Its {@code jti} was revoked, or that of a token it was exchanged from (its {@link
   * dev.tokenmint.domain.token.Lineage}).
   */
  REVOKED;

  /** The wire names, in order. */
  public static final List<String> WIRE_NAMES = WireNamed.wireNames(values());
}
