package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ExchangeToken;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.TokenSigner;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.access.Narrowing;
import dev.tokenmint.domain.access.NarrowingPolicy;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.Lineage;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.Verification;
import dev.tokenmint.domain.verification.VerifiedToken;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Exchanges a verified token for a narrower one of the same user and workspace: never wider than
 * the subject (the access rule decides coverage), never outliving it, naming it as its parent. The
 * subject is verified by the verification use case itself, so every rule that refuses a token at
 * verify_token refuses it here too.
 *
 * <p>A service verifying subjects with {@code verifyToken}, signing children with {@code keyRing}'s
 * active key, each carrying at most {@code maxGrants} grants.
 */
public record ExchangeTokenService(
    WorkspaceStore workspaces,
    VerifyToken verifyToken,
    KeyRing keyRing,
    TokenSigner signer,
    AuditLog audit,
    Clock clock,
    VeltProfile profile,
    int maxGrants)
    implements ExchangeToken {

  @Override
  public SubjectCheck subject(Optional<String> apiKey, String subjectToken) {
    Workspace workspace = workspaces.byApiKeyOrDefault(apiKey);
    // The workspace acts for itself: verification needs a caller, and exchange has no credential.
    Caller self = new Caller(workspace, AuditEvent.SUBJECT_TOKEN, CredentialRole.ISSUER);
    Verification outcome = verifyToken.verify(self, subjectToken);
    if (outcome instanceof dev.tokenmint.domain.verification.Refused invalid) {
      return new Refused(
          "the subject token is not valid ("
              + invalid.rejection().wireName()
              + ": "
              + invalid.detail()
              + ")");
    }
    Subject subject = new Subject(workspace, (VerifiedToken) outcome);
    int generations = subject.ancestors().size();
    if (generations >= Lineage.MAX_DEPTH) {
      return new Refused(
          "the subject token was exchanged from "
              + generations
              + " generations of tokens, the most there may be; exchange an ancestor instead");
    }
    return new Accepted(subject);
  }

  @Override
  public ExchangedToken exchange(Subject subject, GrantSet requested, Optional<String> requestId) {
    Instant now = clock.instant();
    if (requested.size() > maxGrants) {
      throw new InvalidArgumentException(
          "",
          "a token carries at most "
              + maxGrants
              + " grants, this request names "
              + requested.size());
    }
    VeltClaims held = subject.token().claims();
    Instant expiresAt = held.expiresAt();
    // Never wider than the subject on any resource, at any time until the child expires: a
    // prefix may narrow to a longer prefix or an exact id, never widen.
    if (NarrowingPolicy.narrows(held.grants(), requested, now, expiresAt)
        instanceof Narrowing.Wider wider) {
      throw new InvalidArgumentException(
          "[" + requested.asList().indexOf(wider.grant()) + "]",
          "is wider than the subject token: " + wider.reason());
    }
    String workspaceId = subject.workspace().id();
    SigningKey key =
        keyRing
            .activeKey(workspaceId)
            .orElseThrow(
                () -> new FailedPreconditionException("the workspace has no active signing key"));
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    String jti = UUID.randomUUID().toString();
    // Room in the audit first: a full audit refuses the exchange before a token exists.
    try (AuditLog.Reservation room = audit.reserve(1)) {
      TokenClaims claims =
          profile.exchanged(
              subject.token().signature().claims(), requested, issuedAt, expiresAt, jti);
      String token = signer.sign(profile.header(key.algorithm(), key.kid()), claims, key);
      room.record(
          AuditEvent.of(
                  now.truncatedTo(ChronoUnit.MILLIS),
                  workspaceId,
                  AuditEvent.SUBJECT_TOKEN,
                  AuditKind.TOKEN_EXCHANGED)
              .onTarget(held.jti())
              .withToken(jti)
              .withUser(held.subject())
              .withDetail("exchanged from " + held.jti() + " for " + requested.size() + " grants")
              .withRequestId(requestId));
      return new ExchangedToken(token, jti, held.jti(), issuedAt, expiresAt, requested);
    }
  }
}
