package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageWorkspaces;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.util.Optional;

/** Creates the default workspace and its admin credential. */
public final class WorkspaceService implements ManageWorkspaces {

  /** Shortest configured auth token accepted: a fast digest is only safe for long random tokens. */
  public static final int MIN_AUTH_TOKEN_LENGTH = 32;

  private static final String DEFAULT_NAME = "default";

  private final WorkspaceStore workspaces;
  private final CredentialStore credentials;
  private final Clock clock;

  /** A service writing to the given stores. */
  public WorkspaceService(WorkspaceStore workspaces, CredentialStore credentials, Clock clock) {
    this.workspaces = workspaces;
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public ProvisionedWorkspace ensureDefault(DefaultWorkspaceCommand command) {
    command.authToken().ifPresent(WorkspaceService::checkAuthToken);
    Optional<Workspace> existing = workspaces.findDefault();
    if (existing.isPresent()) {
      Workspace workspace = existing.get();
      if (command.apiKey().isPresent() && !command.apiKey().get().equals(workspace.apiKey())) {
        throw new FailedPreconditionException(
            "the default workspace exists with API key "
                + workspace.apiKey()
                + ", not the configured one; configure that key, or start on a fresh data"
                + " directory");
      }
      command.authToken().ifPresent(token -> ensureAdminCredential(workspace, token));
      return new ProvisionedWorkspace(workspace, Optional.empty());
    }
    Workspace workspace =
        new Workspace(
            Secrets.newId(), command.apiKey().orElseGet(Secrets::newApiKey), DEFAULT_NAME, true);
    workspaces.create(workspace);
    String token = command.authToken().orElseGet(Secrets::newAuthToken);
    ensureAdminCredential(workspace, token);
    Optional<String> generated = command.authToken().isPresent() ? Optional.empty() : Optional.of(token);
    return new ProvisionedWorkspace(workspace, generated);
  }

  private void ensureAdminCredential(Workspace workspace, String authToken) {
    TokenHash hash = TokenHash.of(authToken);
    Optional<Credential> existing = credentials.findByTokenHash(hash);
    if (existing.isPresent()) {
      if (!existing.get().workspaceId().equals(workspace.id())) {
        throw new FailedPreconditionException(
            "the configured auth token already belongs to another workspace");
      }
      return;
    }
    credentials.create(
        new Credential(
            Secrets.newId(), workspace.id(), hash, CredentialRole.ADMIN, clock.instant(), false));
  }

  private static void checkAuthToken(String token) {
    if (token.length() < MIN_AUTH_TOKEN_LENGTH || token.isBlank()) {
      throw new InvalidArgumentException(
          "authToken",
          "must be at least "
              + MIN_AUTH_TOKEN_LENGTH
              + " characters of high-entropy random data (e.g. `openssl rand -base64 32`)");
    }
  }
}
