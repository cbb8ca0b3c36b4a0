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
import dev.tokenmint.domain.token.Lineage;
import dev.tokenmint.domain.token.VeltClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.ClaimRules;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.SignatureCheck;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Verifies the workspace's Velt tokens, decides access with them, and revokes them; a revocation is
 * audited.
 */
public final class VerificationService implements VerifyToken {

  private final ManageKeys keys;
  private final TokenVerifier verifier;
  private final RevocationList revocations;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration skew;
  private final int maxTokenBytes;

  /**
   * A service accepting, per workspace, the algorithms {@code keys} says are effective for it, and
   * {@code skew} either way on times.
   */
  public VerificationService(
      ManageKeys keys,
      TokenVerifier verifier,
      RevocationList revocations,
      AuditLog audit,
      Clock clock,
      Duration skew,
      int maxTokenBytes) {
    this.keys = keys;
    this.verifier = verifier;
    this.revocations = revocations;
    this.audit = audit;
    this.clock = clock;
    this.skew = skew;
    this.maxTokenBytes = maxTokenBytes;
  }

  @Override
  public SignatureCheck verify(Caller caller, String token, Optional<String> audience) {
    caller.require(CredentialRole.ISSUER);
    audience.ifPresent(
        expected -> {
          Violations violations = new Violations();
          Identifier.check(violations, "audience", expected);
          violations.throwIfAny();
        });
    return verified(caller, token, audience, clock.instant());
  }

  @Override
  public AccessCheck checkAccess(Caller caller, String token, AccessTarget target) {
    caller.require(CredentialRole.ISSUER);
    Instant now = clock.instant();
    SignatureCheck verification = verified(caller, token, Optional.empty(), now);
    if (verification instanceof SignatureCheck.Valid valid) {
      // Verified, so its grants read: ClaimRules refused the token otherwise.
      GrantSet grants = VeltClaims.grantsOf(valid.claims());
      return new AccessCheck(verification, Optional.of(AccessPolicy.effectiveAccess(grants, target, now)));
    }
    return new AccessCheck(verification, Optional.empty());
  }

  @Override
  public Revoked revoke(Caller caller, Optional<String> token, Optional<String> jti) {
    caller.require(CredentialRole.ADMIN);
    Instant now = clock.instant();
    String workspaceId = caller.workspace().id();
    if (token.isPresent()) {
      // Any token this workspace signed may be revoked, even one that already fails for another
      // reason (expired, revoked): only the signature must hold, so nobody revokes ids at random.
      SignatureCheck signature =
          verifier.check(
              token.get(),
              keys.verifyingKeys(workspaceId, now),
              keys.effectiveAlgorithms(workspaceId));
      if (!(signature instanceof SignatureCheck.Valid valid)) {
        SignatureCheck.Invalid invalid = (SignatureCheck.Invalid) signature;
        throw new InvalidArgumentException(
            "token",
            "does not verify (" + invalid.rejection().wireName() + ": " + invalid.detail() + ")");
      }
      String id =
          valid.claims().get("jti").filter(String.class::isInstance).map(String.class::cast)
              .orElseThrow(() -> new InvalidArgumentException("token", "has no jti to revoke"));
      Instant until =
          valid.claims().get("exp").filter(Long.class::isInstance).map(Long.class::cast)
              .map(Instant::ofEpochSecond)
              .orElse(now.plus(VeltProfile.MAX_LIFETIME.cap()))
              .plus(skew);
      // The token's user, for the audit; only as an id the audit can store and filter by.
      Optional<String> subject =
          valid.claims().get("sub").filter(String.class::isInstance).map(String.class::cast)
              .filter(sub -> Identifier.check(new Violations(), "sub", sub));
      return revoked(caller, now, id, until, subject);
    }
    String id = jti.orElseThrow(() -> new InvalidArgumentException("jti", "give the token or its jti"));
    Violations violations = new Violations();
    Identifier.check(violations, "jti", id);
    violations.throwIfAny();
    Instant until = now.plus(VeltProfile.MAX_LIFETIME.cap()).plus(skew);
    return revoked(caller, now, id, until, Optional.empty());
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

  private SignatureCheck verified(
      Caller caller, String token, Optional<String> audience, Instant now) {
    if (token == null || token.isEmpty()) {
      return new SignatureCheck.Invalid(Rejection.MALFORMED, "no token");
    }
    if (token.length() > maxTokenBytes) {
      return new SignatureCheck.Invalid(
          Rejection.TOO_LARGE, "larger than the limit of " + maxTokenBytes + " bytes");
    }
    String workspaceId = caller.workspace().id();
    SignatureCheck check =
        verifier.check(
            token, keys.verifyingKeys(workspaceId, now), keys.effectiveAlgorithms(workspaceId));
    if (!(check instanceof SignatureCheck.Valid valid)) {
      return check;
    }
    Optional<SignatureCheck.Invalid> broken =
        ClaimRules.check(
            valid.claims(), now, skew, caller.workspace().issuer(), audience);
    if (broken.isPresent()) {
      return broken.get();
    }
    String jti = (String) valid.claims().get("jti").orElseThrow(); // ClaimRules requires it
    if (revocations.isRevoked(workspaceId, jti, now)) {
      return new SignatureCheck.Invalid(Rejection.REVOKED, "token " + jti + " was revoked");
    }
    // A token exchanged from a revoked one is revoked with it, whatever the generation.
    for (String ancestor : Lineage.ancestorsOf(valid.claims())) {
      if (revocations.isRevoked(workspaceId, ancestor, now)) {
        return new SignatureCheck.Invalid(
            Rejection.REVOKED, "token " + jti + " was exchanged from " + ancestor + ", which was revoked");
      }
    }
    return valid;
  }
}
