package dev.tokenmint.adapter.crypto;

import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltClaims;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.verification.Rejection;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link JwksTokenVerifier#verify} found: a verified Velt token, with the user it names and
 * the grants it carries, or why the token is refused.
 */
public sealed interface TokenVerification
    permits TokenVerification.Verified, TokenVerification.Refused {

  /**
   * The token is valid now: signed by a key of the JWKS with an allowed algorithm, by the expected
   * issuer, within its lifetime. {@code userId} is its {@code sub}; {@code grants} are decoded from
   * {@code permissions.resources} (prefix grants such as {@code report_*} included); {@code claims}
   * are all its claims, unchanged; {@code kid} names the key that verified it; {@code expiresAt} is
   * its {@code exp}.
   */
  record Verified(String userId, GrantSet grants, TokenClaims claims, String kid, Instant expiresAt)
      implements TokenVerification {
    /** Every part is required. */
    public Verified {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(grants, "grants");
      Objects.requireNonNull(claims, "claims");
      Objects.requireNonNull(kid, "kid");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * The user's attributes, from the token's {@code attributes} claim (empty when it has none): the
     * values to build row filters from. A verified token's attributes always read.
     */
    public Attributes attributes() {
      return VeltClaims.attributesOf(claims);
    }

    @Override
    public String toString() {
      return "Verified[userId=" + userId + ", kid=" + kid + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** The token is refused for {@code rejection}; {@code detail} says more and is safe to show. */
  record Refused(Rejection rejection, String detail) implements TokenVerification {
    /** Both parts are required. */
    public Refused {
      Objects.requireNonNull(rejection, "rejection");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
