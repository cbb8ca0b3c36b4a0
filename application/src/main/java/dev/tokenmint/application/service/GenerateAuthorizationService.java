package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.GenerateAuthorization;
import dev.tokenmint.application.port.in.GenerateAuthorizationCommand;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.TokenSigner;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.domain.key.SharedSecret;
import dev.tokenmint.domain.token.DataforProfile;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Mints Datafor-profile tokens under the caller's HMAC key and keeps the payload's profile. Nothing
 * is stored unless the whole request is valid.
 *
 * <p>
 */
public record GenerateAuthorizationService(
    TokenSigner signer,
    UserDirectory users,
    AuditLog audit,
    Clock clock,
    DataforProfile profile,
    boolean allowShortKeys)
    implements GenerateAuthorization {

  @Override
  public MintedToken generate(Caller caller, GenerateAuthorizationCommand command) {
    caller.require(CredentialRole.ADMIN);
    SharedSecret secret = SharedSecret.of("privateKey", command.privateKey(), allowShortKeys);
    Instant now = clock.instant();
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = profile.lifetime().expiresAt(issuedAt, Optional.empty());
    User user = command.user();
    TokenClaims claims = profile.claims(command.tokenName(), user.userId(), expiresAt);
    String workspaceId = caller.workspace().id();
    users.merge(workspaceId, user);
    String token = signer.sign(profile.header(), claims, secret);
    audit.record(
        new AuditLog.MintRecord(
            now.truncatedTo(ChronoUnit.MILLIS), // the audit orders by it: finer than iat
            workspaceId,
            caller.credentialId(),
            user.userId(),
            "",
            0,
            profile.name(),
            caller.requestId()));
    return new MintedToken(token, "", issuedAt, expiresAt, 0, List.of());
  }
}
