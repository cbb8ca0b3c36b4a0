package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.failure.Required;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Create and find workspaces and their credentials. */
public interface ManageWorkspaces {

  /**
   * Makes sure the default workspace exists with an admin credential. When the command names an API
   * key and auth token, those are used (and an admin credential for the token is added if missing);
   * otherwise, on the first start only, both are generated and returned once.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException when the given API key or auth
   *     token breaks its rule
   * @throws dev.tokenmint.domain.failure.FailedPreconditionException when the default workspace
   *     exists under another API key, or with another issuer than the configured one
   */
  ProvisionedWorkspace ensureDefault(DefaultWorkspaceCommand command);

  /**
   * Creates a workspace named {@code name} with a fresh API key and an admin credential whose auth
   * token is returned once. Its issuer is made under the default workspace's (under the service's
   * configured issuer while there is no default workspace yet).
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException when the name breaks its rule
   */
  IssuedCredential create(String name);

  /** Every workspace. */
  List<Workspace> list();

  /**
   * Issues a new credential of {@code role} for the workspace with {@code apiKey}; the auth token
   * is returned once.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when no workspace has that API key
   */
  IssuedCredential createCredential(String apiKey, CredentialRole role);

  /** The credentials of the workspace with {@code apiKey}, revoked ones included. */
  List<Credential> credentials(String apiKey);

  /**
   * Revokes a credential of the workspace with {@code apiKey}: it authenticates nobody from now on.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when the workspace has no such
   *     credential
   */
  void revokeCredential(String apiKey, String credentialId);

  /** A credential just issued: its workspace, id, role, and the auth token (shown once). */
  record IssuedCredential(
      Workspace workspace, String credentialId, CredentialRole role, String authToken) {
    /** Every part is required. */
    public IssuedCredential {
      Required.all(workspace, credentialId, role, authToken);
    }

    @Override
    public String toString() {
      return "IssuedCredential[" + workspace.apiKey() + ", " + credentialId + ", " + role + "]";
    }
  }

  /**
   * The default workspace's credential as configured, both present or both absent; and its issuer:
   * {@code configuredIssuer} when the operator set one, else {@code listeningIssuer} (the address
   * this instance listens on), taken only when the default workspace is created. An existing
   * default workspace keeps the issuer it was created with; a configured one that differs is
   * refused.
   */
  record DefaultWorkspaceCommand(
      Optional<String> apiKey,
      Optional<String> authToken,
      Optional<String> configuredIssuer,
      String listeningIssuer) {
    /** Every part is required; the API key and auth token are present together or not at all. */
    public DefaultWorkspaceCommand {
      Required.all(apiKey, authToken, configuredIssuer, listeningIssuer);
      if (apiKey.isPresent() != authToken.isPresent()) {
        throw new IllegalArgumentException("give both the API key and the auth token, or neither");
      }
    }

    /** The issuer a new default workspace takes. */
    public String issuer() {
      return configuredIssuer.orElse(listeningIssuer);
    }

    @Override
    public String toString() {
      return "DefaultWorkspaceCommand[apiKey="
          + apiKey.orElse("(generate)")
          + ", issuer="
          + issuer()
          + ", authToken redacted]";
    }
  }

  /**
   * The default workspace, and the auth token generated for it if one was (to be shown once, never
   * again).
   */
  record ProvisionedWorkspace(Workspace workspace, Optional<String> generatedAuthToken) {
    /** Both parts are required. */
    public ProvisionedWorkspace {
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(generatedAuthToken, "generatedAuthToken");
    }

    @Override
    public String toString() {
      return "ProvisionedWorkspace[" + workspace.apiKey() + "]";
    }
  }
}
