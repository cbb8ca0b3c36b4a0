package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.failure.Required;
import java.time.Instant;
import java.util.List;

/**
 * A signed token (compact JWS) with its id, times, how many grants it carries, and warnings for the
 * caller (a token too large for common HTTP header limits, say).
 */
public record MintedToken(
    String token,
    String jti,
    Instant issuedAt,
    Instant expiresAt,
    int grantCount,
    List<String> warnings) {

  /** Every part is required; {@code jti} may be empty for profiles without one. */
  public MintedToken {
    Required.all(token, jti, issuedAt, expiresAt);
    warnings = List.copyOf(warnings);
  }

  /** Seconds from issue to expiry. */
  public long lifetimeSeconds() {
    return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
  }

  @Override
  public String toString() {
    return "MintedToken[jti=" + jti + ", expiresAt=" + expiresAt + ", token redacted]";
  }
}
