package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.verification.Verification;
import dev.tokenmint.domain.workspace.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Verify the caller's workspace's tokens, decide access with them, and revoke them. */
public interface VerifyToken {

  /**
   * The token, verified, with its claims typed, when it is valid now for the caller's workspace by
   * every step of {@link dev.tokenmint.domain.verification.VerificationPolicy} (signature by a
   * verifying ring key, allowed algorithm, times within the clock skew, the workspace's issuer, an
   * {@code aud} that names {@code audience} — or no {@code aud} when none is expected —, not
   * revoked), else exactly why not. Issuer role or above.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming {@code audience} when it
   *     is not a valid identifier (1 to 256 characters, no control characters)
   */
  Verification verify(Caller caller, String token, Optional<String> audience);

  /** {@link #verify(Caller, String, Optional)} expecting no audience. */
  default Verification verify(Caller caller, String token) {
    return verify(caller, token, Optional.empty());
  }

  /**
   * The effective role the token grants on {@code target} by the access rule of {@link
   * dev.tokenmint.domain.access.AccessPolicy}, or the verification failure (expecting no audience).
   * Issuer role or above.
   */
  AccessCheck checkAccess(Caller caller, String token, AccessTarget target);

  /**
   * Revokes a token of the caller's workspace — by the token itself, or by its {@code jti} — until
   * it would have expired (by {@code jti} alone: the longest lifetime a token may have). Admin
   * only.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException when the token does not verify or
   *     neither is given
   */
  Revoked revoke(Caller caller, Optional<String> token, Optional<String> jti);

  /** A verification outcome and, when the token is verified, the access decision. */
  record AccessCheck(Verification verification, Optional<AccessDecision> decision) {
    /** Both parts are required; a decision exactly when the token is verified. */
    public AccessCheck {
      Objects.requireNonNull(verification, "verification");
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** A revoked token id and when its revocation lapses. */
  record Revoked(String jti, Instant until) {}
}
