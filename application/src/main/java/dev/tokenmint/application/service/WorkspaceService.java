package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.ManageWorkspaces;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Creates workspaces, each with an admin credential and a signing key, and issues and revokes
 * credentials. Each operation is one transaction.
 */
public final class WorkspaceService implements ManageWorkspaces {

  /** Shortest configured auth token accepted: a fast digest is only safe for long random tokens. */
  public static final int MIN_AUTH_TOKEN_LENGTH = 32;

  private static final String DEFAULT_NAME = "default";

  private final WorkspaceStore workspaces;
  private final CredentialStore credentials;
  private final ManageKeys keys;
  private final SigningAlgorithm algorithm;
  private final Transactions transactions;
  private final Clock clock;
  private final String baseIssuer;

  /**
   * A service giving new workspaces a key of {@code algorithm}. {@code baseIssuer} is the issuer
   * workspaces are created under while there is no default workspace (whose issuer is the base
   * from then on).
   */
  public WorkspaceService(
      WorkspaceStore workspaces,
      CredentialStore credentials,
      ManageKeys keys,
      SigningAlgorithm algorithm,
      Transactions transactions,
      Clock clock,
      String baseIssuer) {
    this.workspaces = workspaces;
    this.credentials = credentials;
    this.keys = keys;
    this.algorithm = algorithm;
    this.transactions = transactions;
    this.clock = clock;
    this.baseIssuer = baseIssuer;
  }

  @Override
  public ProvisionedWorkspace ensureDefault(DefaultWorkspaceCommand command) {
    command.authToken().ifPresent(WorkspaceService::checkAuthToken);
    try {
      return transactions.inTransaction(() -> provisionDefault(command));
    } catch (AlreadyExistsException e) {
      // Another instance on the same database provisioned it first: use what it made.
      return transactions.inTransaction(() -> provisionDefault(command));
    }
  }

  @Override
  public IssuedCredential create(String name) {
    return transactions.inTransaction(
        () -> {
          String apiKey = Secrets.newApiKey();
          String base = workspaces.findDefault().map(Workspace::issuer).orElse(baseIssuer);
          Workspace workspace =
              new Workspace(
                  Secrets.newWorkspaceId(),
                  apiKey,
                  name,
                  false,
                  Workspace.issuerUnder(base, apiKey, false));
          workspaces.create(workspace);
          keys.ensureActiveKey(workspace, algorithm);
          return issue(workspace, CredentialRole.ADMIN);
        });
  }

  @Override
  public List<Workspace> list() {
    return workspaces.list();
  }

  @Override
  public IssuedCredential createCredential(String apiKey, CredentialRole role) {
    return transactions.inTransaction(() -> issue(workspace(apiKey), role));
  }

  @Override
  public List<Credential> credentials(String apiKey) {
    return credentials.listByWorkspace(workspace(apiKey).id());
  }

  @Override
  public void revokeCredential(String apiKey, String credentialId) {
    transactions.run(
        () -> {
          if (!credentials.revoke(workspace(apiKey).id(), credentialId)) {
            throw new NotFoundException("the workspace has no credential " + credentialId);
          }
        });
  }

  private ProvisionedWorkspace provisionDefault(DefaultWorkspaceCommand command) {
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
      if (command.configuredIssuer().isPresent()
          && !command.configuredIssuer().get().equals(workspace.issuer())) {
        throw new FailedPreconditionException(
            "the configured issuer "
                + command.configuredIssuer().get()
                + " is not the issuer of this installation's tokens, "
                + workspace.issuer()
                + " (fixed at its first start); configure that one, or leave the issuer unset");
      }
      command.authToken().ifPresent(token -> ensureAdminCredential(workspace, token));
      keys.ensureActiveKey(workspace, algorithm);
      return new ProvisionedWorkspace(workspace, Optional.empty());
    }
    String apiKey = command.apiKey().orElseGet(Secrets::newApiKey);
    Workspace workspace =
        new Workspace(
            Secrets.newWorkspaceId(),
            apiKey,
            DEFAULT_NAME,
            true,
            Workspace.issuerUnder(command.issuer(), apiKey, true));
    workspaces.create(workspace);
    keys.ensureActiveKey(workspace, algorithm);
    String token = command.authToken().orElseGet(Secrets::newAuthToken);
    ensureAdminCredential(workspace, token);
    Optional<String> generated =
        command.authToken().isPresent() ? Optional.empty() : Optional.of(token);
    return new ProvisionedWorkspace(workspace, generated);
  }

  private IssuedCredential issue(Workspace workspace, CredentialRole role) {
    String token = Secrets.newAuthToken();
    String id = Secrets.newCredentialId();
    credentials.create(
        new Credential(id, workspace.id(), TokenHash.of(token), role, now(), false));
    return new IssuedCredential(workspace, id, role, token);
  }

  private Workspace workspace(String apiKey) {
    return workspaces
        .findByApiKey(apiKey)
        .orElseThrow(() -> new NotFoundException("no workspace has API key " + apiKey));
  }

  private void ensureAdminCredential(Workspace workspace, String authToken) {
    TokenHash hash = TokenHash.of(authToken);
    Optional<Credential> existing = credentials.findByTokenHash(hash);
    if (existing.isPresent()) {
      if (!existing.get().workspaceId().equals(workspace.id())) {
        throw new FailedPreconditionException(
            "the configured auth token already belongs to another workspace");
      }
      if (existing.get().revoked()) {
        throw new FailedPreconditionException(
            "the configured auth token was revoked; configure a new one");
      }
      return;
    }
    credentials.create(
        new Credential(
            Secrets.newCredentialId(), workspace.id(), hash, CredentialRole.ADMIN, now(), false));
  }

  /** Now, to the millisecond: the precision the stores keep. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
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
