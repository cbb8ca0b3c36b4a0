package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.Authenticate;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.UnauthenticatedException;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Optional;

/**
 * Authenticates an API key and auth token pair: the token's SHA-256 finds the credential, which must
 * belong to the workspace of the API key and not be revoked.
 */
public final class AuthenticationService implements Authenticate {

  static final String MISSING =
      "missing credentials: send x-velt-api-key and x-velt-auth-token, or x-api-key and"
          + " Authorization: Bearer <auth token>";
  static final String INVALID = "invalid credentials";

  private final WorkspaceStore workspaces;
  private final CredentialStore credentials;

  /** A service reading the given stores. */
  public AuthenticationService(WorkspaceStore workspaces, CredentialStore credentials) {
    this.workspaces = workspaces;
    this.credentials = credentials;
  }

  @Override
  public Caller authenticate(Optional<String> apiKey, Optional<String> authToken) {
    if (apiKey.filter(k -> !k.isEmpty()).isEmpty() || authToken.filter(t -> !t.isEmpty()).isEmpty()) {
      throw new UnauthenticatedException(MISSING);
    }
    TokenHash presented = TokenHash.of(authToken.get());
    Optional<Credential> credential = credentials.findByTokenHash(presented);
    Optional<Workspace> workspace = workspaces.findByApiKey(apiKey.get());
    if (credential.isEmpty()
        || workspace.isEmpty()
        || !credential.get().tokenHash().matches(presented)
        || !credential.get().workspaceId().equals(workspace.get().id())
        || credential.get().revoked()) {
      throw new UnauthenticatedException(INVALID);
    }
    return new Caller(workspace.get(), credential.get().id(), credential.get().role());
  }
}
