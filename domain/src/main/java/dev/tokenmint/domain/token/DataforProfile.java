package dev.tokenmint.domain.token;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.key.SigningAlgorithm;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Datafor dialect's token, as the vendor documents it: header {@code
 * {"typ":"JWT","alg":"HS256"}}, claims {@code {"<name>": <username>, "exp": now + 86400}}, signed
 * with the caller's shared key.
 */
public record DataforProfile(Lifetime lifetime) implements TokenProfile {

  /** The longest a Datafor token lives: 86 400 seconds. */
  public static final Lifetime MAX_LIFETIME = Lifetime.ofSeconds(86_400);

  /** Claim names the token name may not take, since the profile sets them itself. */
  public static final Set<String> RESERVED_NAMES = Set.of("exp");

  /** A lifetime longer than {@link #MAX_LIFETIME} is cut to it. */
  public DataforProfile {
    Objects.requireNonNull(lifetime, "lifetime");
    lifetime = MAX_LIFETIME.shortenedTo(lifetime.cap());
  }

  /** The profile with the full 86 400-second lifetime. */
  public static DataforProfile standard() {
    return new DataforProfile(MAX_LIFETIME);
  }

  @Override
  public String name() {
    return "datafor";
  }

  /** {@code {"typ":"JWT","alg":"HS256"}}, in that order. */
  public TokenHeader header() {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", SigningAlgorithm.HS256.joseName());
    return new TokenHeader(header);
  }

  /**
   * {@code {"<tokenName>": <username>, "exp": <expiresAt>}}, in that order.
   *
   * @throws InvalidArgumentException when {@code tokenName} or {@code username} break their rules
   */
  public TokenClaims claims(String tokenName, String username, Instant expiresAt) {
    Violations violations = new Violations();
    if (Identifier.check(violations, "name", tokenName)) {
      violations.require(
          !RESERVED_NAMES.contains(tokenName),
          "name",
          "must not be one of " + RESERVED_NAMES + ": the token sets that claim itself");
    }
    Identifier.check(violations, "payload.username", username);
    violations.throwIfAny();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put(tokenName, username);
    claims.put("exp", expiresAt.getEpochSecond());
    return new TokenClaims(claims);
  }
}
