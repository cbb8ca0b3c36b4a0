package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.ManageWorkspaces;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates workspaces, each with an admin credential and a signing key, and issues and revokes
 * credentials. Each operation is one transaction, audited once it committed. Only the operator
 * reaches these operations (no route creates workspaces or credentials), so their events name the
 * command line as the actor, {@link AuditEvent#CLI}; what a server provisions at its start from its
 * configuration names {@link AuditEvent#CONFIG}.
 *
 * <p>A service giving new workspaces a key of {@code algorithm}. {@code baseIssuer} is the issuer
 * workspaces are created under while there is no default workspace (whose issuer is the base from
 * then on).
 */
public record WorkspaceService(
    WorkspaceStore workspaces,
    CredentialStore credentials,
    ManageKeys keys,
    SigningAlgorithm algorithm,
    Transactions transactions,
    AuditLog audit,
    Clock clock,
    String baseIssuer)
    implements ManageWorkspaces {

  /** Shortest configured auth token accepted: a fast digest is only safe for long random tokens. */
  public static final int MIN_AUTH_TOKEN_LENGTH = 32;

  private static final String DEFAULT_NAME = "default";

  @Override
  public ProvisionedWorkspace ensureDefault(DefaultWorkspaceCommand command) {
    command.authToken().ifPresent(WorkspaceService::checkAuthToken);
    // At most: the workspace, its admin credential, and a key of a newly configured algorithm.
    try (AuditLog.Reservation room = audit.reserve(3)) {
      List<AuditEvent> events = new ArrayList<>(3);
      ProvisionedWorkspace provisioned;
      try {
        provisioned = transactions.inTransaction(() -> provisionDefault(command, events));
      } catch (AlreadyExistsException e) {
        // Another instance on the same database provisioned it first: use what it made.
        events.clear();
        provisioned = transactions.inTransaction(() -> provisionDefault(command, events));
      }
      events.forEach(room::record);
      return provisioned;
    }
  }

  @Override
  public IssuedCredential create(String name) {
    try (AuditLog.Reservation room = audit.reserve(2)) {
      List<AuditEvent> events = new ArrayList<>(2);
      IssuedCredential issued =
          transactions.inTransaction(
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
                SigningKey key = keys.ensureActiveKey(workspace, algorithm);
                events.add(created(workspace, AuditEvent.CLI, key));
                IssuedCredential credential = issue(workspace, CredentialRole.ADMIN);
                events.add(
                    issued(
                        workspace, AuditEvent.CLI, credential.credentialId(), credential.role()));
                return credential;
              });
      events.forEach(room::record);
      return issued;
    }
  }

  @Override
  public List<Workspace> list() {
    return workspaces.list();
  }

  @Override
  public IssuedCredential createCredential(String apiKey, CredentialRole role) {
    try (AuditLog.Reservation room = audit.reserve(1)) {
      IssuedCredential issued = transactions.inTransaction(() -> issue(workspace(apiKey), role));
      room.record(issued(issued.workspace(), AuditEvent.CLI, issued.credentialId(), role));
      return issued;
    }
  }

  @Override
  public List<Credential> credentials(String apiKey) {
    return credentials.listByWorkspace(workspace(apiKey).id());
  }

  @Override
  public void revokeCredential(String apiKey, String credentialId) {
    try (AuditLog.Reservation room = audit.reserve(1)) {
      Workspace workspace =
          transactions.inTransaction(
              () -> {
                Workspace owner = workspace(apiKey);
                if (!credentials.revoke(owner.id(), credentialId)) {
                  throw new NotFoundException("the workspace has no credential " + credentialId);
                }
                return owner;
              });
      room.record(
          AuditEvent.of(now(), workspace.id(), AuditEvent.CLI, AuditKind.CREDENTIAL_REVOKED)
              .onTarget(credentialId));
    }
  }

  /** Provisions the default workspace, adding to {@code events} what it changed. */
  private ProvisionedWorkspace provisionDefault(
      DefaultWorkspaceCommand command, List<AuditEvent> events) {
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
      command
          .authToken()
          .flatMap(token -> ensureAdminCredential(workspace, token))
          .ifPresent(
              id -> events.add(issued(workspace, AuditEvent.CONFIG, id, CredentialRole.ADMIN)));
      Optional<String> activeBefore = activeKid(workspace);
      SigningKey active = keys.ensureActiveKey(workspace, algorithm);
      if (activeBefore.isPresent() && !activeBefore.get().equals(active.kid())) {
        events.add(
            AuditEvent.of(now(), workspace.id(), AuditEvent.CONFIG, AuditKind.KEY_ROTATED)
                .onTarget(active.kid())
                .withDetail(
                    active.algorithm().joseName()
                        + ", replacing "
                        + activeBefore.get()
                        + ": the configured signing algorithm changed"));
      }
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
    SigningKey key = keys.ensureActiveKey(workspace, algorithm);
    events.add(created(workspace, AuditEvent.CONFIG, key));
    String token = command.authToken().orElseGet(Secrets::newAuthToken);
    ensureAdminCredential(workspace, token)
        .ifPresent(
            id -> events.add(issued(workspace, AuditEvent.CONFIG, id, CredentialRole.ADMIN)));
    Optional<String> generated =
        command.authToken().isPresent() ? Optional.empty() : Optional.of(token);
    return new ProvisionedWorkspace(workspace, generated);
  }

  private IssuedCredential issue(Workspace workspace, CredentialRole role) {
    String token = Secrets.newAuthToken();
    String id = Secrets.newCredentialId();
    credentials.create(new Credential(id, workspace.id(), TokenHash.of(token), role, now(), false));
    return new IssuedCredential(workspace, id, role, token);
  }

  private Workspace workspace(String apiKey) {
    return workspaces
        .findByApiKey(apiKey)
        .orElseThrow(() -> new NotFoundException("no workspace has API key " + apiKey));
  }

  /** The id of the admin credential made for {@code authToken}; empty when it existed. */
  private Optional<String> ensureAdminCredential(Workspace workspace, String authToken) {
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
      return Optional.empty();
    }
    String id = Secrets.newCredentialId();
    credentials.create(
        new Credential(id, workspace.id(), hash, CredentialRole.ADMIN, now(), false));
    return Optional.of(id);
  }

  private Optional<String> activeKid(Workspace workspace) {
    return keys.verifyingKeys(workspace.id(), clock.instant()).stream()
        .filter(key -> key.status() == KeyStatus.ACTIVE)
        .map(SigningKey::kid)
        .findFirst();
  }

  /** {@code workspace.created}, about its API key, naming it and its first key. */
  private AuditEvent created(Workspace workspace, String actor, SigningKey key) {
    return AuditEvent.of(now(), workspace.id(), actor, AuditKind.WORKSPACE_CREATED)
        .onTarget(workspace.apiKey())
        .withDetail(
            "'"
                + workspace.name()
                + "', key "
                + key.kid()
                + " ("
                + key.algorithm().joseName()
                + ")");
  }

  /** {@code credential.created}, about its id, naming its role. */
  private AuditEvent issued(
      Workspace workspace, String actor, String credentialId, CredentialRole role) {
    return AuditEvent.of(now(), workspace.id(), actor, AuditKind.CREDENTIAL_CREATED)
        .onTarget(credentialId)
        .withDetail(role.wireName());
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
