package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.RevocationList;
import dev.tokenmint.application.port.out.TokenVerifier;
import dev.tokenmint.domain.access.AccessPolicy;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.SignatureCheck;
import dev.tokenmint.domain.verification.Verification;
import dev.tokenmint.domain.verification.VerificationPolicy;
import dev.tokenmint.domain.verification.VerifiedToken;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Verifies the workspace's Velt tokens by the one {@link VerificationPolicy} (the workspace's keys
 * and algorithms for the signature step, its revocation list for the last), decides access with
 * them, and revokes them; a revocation is audited.
 *
 * <p>A service accepting, per workspace, the algorithms {@code keys} says are effective for it, and
 * {@code skew} either way on times.
 */
public record VerificationService(
    ManageKeys keys,
    TokenVerifier verifier,
    RevocationList revocations,
    AuditLog audit,
    Clock clock,
    Duration skew,
    int maxTokenBytes)
    implements VerifyToken {

  @Override
  public Verification verify(Caller caller, String token, Optional<String> audience) {
    caller.require(CredentialRole.ISSUER);
    audience.ifPresent(expected -> Identifier.require("audience", expected));
    return verified(caller, token, audience, clock.instant());
  }

  @Override
  public AccessCheck checkAccess(Caller caller, String token, AccessTarget target) {
    caller.require(CredentialRole.ISSUER);
    Instant now = clock.instant();
    Verification verification = verified(caller, token, Optional.empty(), now);
    if (verification instanceof VerifiedToken verified) {
      GrantSet grants = verified.claims().grants();
      return new AccessCheck(
          verification, Optional.of(AccessPolicy.effectiveAccess(grants, target, now)));
    }
    return new AccessCheck(verification, Optional.empty());
  }

  @Override
  public Revoked revoke(Caller caller, Optional<String> token, Optional<String> jti) {
    caller.require(CredentialRole.ADMIN);
    Instant now = clock.instant();
    Instant longest = now.plus(VeltProfile.MAX_LIFETIME.cap());
    if (token.isPresent()) {
      // Any token this workspace signed may be revoked, even one that already fails for another
      // reason (expired, revoked): only the signature must hold, so nobody revokes ids at random.
      SignatureCheck signature = signature(caller, token.get(), now);
      if (signature instanceof Refused refused) {
        throw new InvalidArgumentException(
            "token",
            "does not verify (" + refused.rejection().wireName() + ": " + refused.detail() + ")");
      }
      TokenClaims claims = ((SignatureCheck.Valid) signature).claims();
      String id =
          claims
              .string("jti")
              .orElseThrow(() -> new InvalidArgumentException("token", "has no jti to revoke"));
      // Until it would expire; no later than a token can live, whatever its exp says.
      Instant until =
          claims
              .integer("exp")
              .filter(exp -> exp < longest.getEpochSecond())
              .map(Instant::ofEpochSecond)
              .orElse(longest)
              .plus(skew);
      // The token's user, for the audit; only as an id the audit can store and filter by.
      Optional<String> subject =
          claims.string("sub").filter(sub -> Identifier.check(new Violations(), "sub", sub));
      return revoked(caller, now, id, until, subject);
    }
    String id =
        jti.orElseThrow(() -> new InvalidArgumentException("jti", "give the token or its jti"));
    Identifier.require("jti", id);
    return revoked(caller, now, id, longest.plus(skew), Optional.empty());
  }

  /** Revokes {@code jti} until {@code until} and audits it, about the token's user when known. */
  private Revoked revoked(
      Caller caller, Instant now, String jti, Instant until, Optional<String> subject) {
    try (AuditLog.Reservation room = audit.reserve(1)) {
      revocations.revoke(caller.workspace().id(), jti, until);
      AuditEvent event =
          AuditEvent.by(caller, now.truncatedTo(ChronoUnit.MILLIS), AuditKind.TOKEN_REVOKED)
              .onToken(jti)
              .withDetail("until " + until);
      room.record(subject.map(event::withUser).orElse(event));
    }
    return new Revoked(jti, until);
  }

  /** {@code token} by every step of the workspace's {@link VerificationPolicy}. */
  private Verification verified(
      Caller caller, String token, Optional<String> audience, Instant now) {
    String workspaceId = caller.workspace().id();
    return new VerificationPolicy(caller.workspace().issuer(), audience, skew, maxTokenBytes)
        .verify(
            token,
            now,
            candidate -> signature(caller, candidate, now),
            jti -> revocations.isRevoked(workspaceId, jti, now));
  }

  /** The signature step: {@code token} against the workspace's verifying keys and algorithms. */
  private SignatureCheck signature(Caller caller, String token, Instant now) {
    ManageKeys.Verifiers verifiers = keys.verifiers(caller.workspace().id(), now);
    return verifier.check(token, verifiers.keys(), verifiers.algorithms());
  }
}
