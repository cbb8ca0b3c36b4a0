package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.MintToken;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.TokenSigner;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.application.port.out.UserRecords;
import dev.tokenmint.application.port.out.UserRecords.UserRecord;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Remedy;
import dev.tokenmint.domain.failure.ResourceExhaustedException;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints Velt-profile tokens: merge stored grants and attributes, enforce limits, sign, audit. The
 * user's stored profile, attributes and grants come from {@code records} in one read.
 */
public record MintTokenService(
    KeyRing keyRing,
    TokenSigner signer,
    UserRecords records,
    AuditLog audit,
    Clock clock,
    VeltProfile profile,
    TokenLimits limits)
    implements MintToken {

  /** A service reading the user's records from {@code grants} and {@code users} in turn. */
  public MintTokenService(
      KeyRing keyRing,
      TokenSigner signer,
      GrantStore grants,
      UserDirectory users,
      AuditLog audit,
      Clock clock,
      VeltProfile profile,
      TokenLimits limits) {
    this(keyRing, signer, UserRecords.of(users, grants), audit, clock, profile, limits);
  }

  @Override
  public MintedToken mint(Caller caller, MintTokenCommand command) {
    caller.require(CredentialRole.ISSUER);
    String workspaceId = caller.workspace().id();
    GrantSet requested = command.grants();
    if (requested.size() > limits.maxGrants()) {
      throw new InvalidArgumentException(
          "permissions.resources",
          "a token carries at most "
              + limits.maxGrants()
              + " grants, this request names "
              + requested.size(),
          Remedy.STORE_GRANTS);
    }
    String userId = command.user().userId();
    UserRecord stored = records.read(workspaceId, userId);
    GrantSet merged = requested.over(stored.grants());
    if (merged.size() > limits.maxGrants()) {
      throw new ResourceExhaustedException(
          "with the user's stored grants the token would carry "
              + merged.size()
              + " grants, over the limit of "
              + limits.maxGrants(),
          Remedy.REMOVE_STORED_GRANTS);
    }
    Attributes attributes;
    try {
      // The request's attributes over the stored ones, per name; nothing is stored here.
      attributes = command.attributes().applyTo(stored.attributes());
    } catch (InvalidArgumentException e) {
      throw e.under("attributes");
    }
    SigningKey key =
        keyRing
            .activeKey(workspaceId)
            .orElseThrow(
                () -> new FailedPreconditionException("the workspace has no active signing key"));
    Instant now = clock.instant();
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = profile.lifetime().expiresAt(issuedAt, Optional.empty());
    String jti = UUID.randomUUID().toString();
    TokenClaims claims =
        profile.claims(
            caller.workspace().issuer(),
            // Stored name, email and roles fill what the request leaves out (Velt requests carry
            // no roles); the request wins per field.
            command.user().over(stored.user()),
            attributes,
            merged,
            issuedAt,
            expiresAt,
            jti);
    String token = signer.sign(profile.header(key.algorithm(), key.kid()), claims, key);
    List<String> warnings = checkSize(token);
    audit.record(
        new AuditLog.MintRecord(
            now.truncatedTo(ChronoUnit.MILLIS), // the audit orders by it: finer than iat
            workspaceId,
            caller.credentialId(),
            command.user().userId(),
            jti,
            merged.size(),
            profile.name(),
            caller.requestId()));
    return new MintedToken(token, jti, issuedAt, expiresAt, merged.size(), warnings);
  }

  private List<String> checkSize(String token) {
    int bytes = token.length(); // a compact JWS is ASCII: one byte per character
    if (bytes > limits.maxTokenBytes()) {
      throw new ResourceExhaustedException(
          "the token would be "
              + bytes
              + " bytes, over the limit of "
              + limits.maxTokenBytes()
              + " bytes; carry fewer grants (grant on a folder or organization instead of each"
              + " document) or shorter ids");
    }
    List<String> warnings = new ArrayList<>(1);
    if (bytes > limits.headerSafeBytes()) {
      warnings.add(
          "token is "
              + bytes
              + " bytes, over "
              + limits.headerSafeBytes()
              + ": it may not fit common HTTP header limits; send it in a request body or"
              + " grant on broader resources");
    }
    return warnings;
  }
}
