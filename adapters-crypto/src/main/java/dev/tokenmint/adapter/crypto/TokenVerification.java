package dev.tokenmint.adapter.crypto;

import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.Verification;
import dev.tokenmint.domain.verification.VerifiedToken;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link JwksTokenVerifier#verify} found: a verified Velt token, with the user it names and
 * the grants it carries, or why the token is refused. The embedder's view of the domain's {@link
 * Verification}.
 */
public sealed interface TokenVerification
    permits TokenVerification.Verified, TokenVerification.Refused {

  /** The embedder's view of {@code verification}. */
  static TokenVerification of(Verification verification) {
    if (verification instanceof VerifiedToken token) {
      return new Verified(token);
    }
    return new Refused((dev.tokenmint.domain.verification.Refused) verification);
  }

  /**
   * The token is valid now: signed by a key of the JWKS with an allowed algorithm, by the expected
   * issuer, within its lifetime, and neither it nor any token it was exchanged from revoked, as far
   * as the verifier's revocation source knows.
   */
  record Verified(VerifiedToken token) implements TokenVerification {
    /** The token is required. */
    public Verified {
      Objects.requireNonNull(token, "token");
    }

    /** Its {@code sub}: the user. */
    public String userId() {
      return token.claims().subject();
    }

    /** Its grants, decoded from {@code permissions.resources} (prefix grants included). */
    public GrantSet grants() {
      return token.claims().grants();
    }

    /**
     * The user's attributes, from the token's {@code attributes} claim (empty when it has none):
     * the values to build row filters from.
     */
    public Attributes attributes() {
      return token.claims().attributes();
    }

    /** All its claims, unchanged. */
    public TokenClaims claims() {
      return token.signature().claims();
    }

    /** The key that verified it. */
    public String kid() {
      return token.signature().kid();
    }

    /** Its {@code exp}. */
    public Instant expiresAt() {
      return token.claims().expiresAt();
    }

    @Override
    public String toString() {
      return "Verified[userId=" + userId() + ", kid=" + kid() + ", expiresAt=" + expiresAt() + "]";
    }
  }

  /** The token is refused: {@link #rejection} says why, {@link #detail} more, safe to show. */
  record Refused(dev.tokenmint.domain.verification.Refused refusal) implements TokenVerification {
    /** The refusal is required. */
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
    }

    /** Refused for {@code rejection}, with {@code detail}. */
    public Refused(Rejection rejection, String detail) {
      this(new dev.tokenmint.domain.verification.Refused(rejection, detail));
    }

    /** Why the token is refused. */
    public Rejection rejection() {
      return refusal.rejection();
    }

    /** More about why, safe to show. */
    public String detail() {
      return refusal.detail();
    }
  }
}
