package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.List;
import java.util.Optional;

/** The stored workspaces. */
public interface WorkspaceStore {

  /** The workspace with this API key, if any. */
  Optional<Workspace> findByApiKey(String apiKey);

  /** The default workspace, if created. */
  Optional<Workspace> findDefault();

  /**
   * The workspace with {@code apiKey}, or the default workspace when {@code apiKey} is empty: the
   * workspace a public route of its issuer (its JWKS, its metadata, its token endpoint) serves.
   *
   * @throws NotFoundException when there is no such workspace
   */
  default Workspace byApiKeyOrDefault(Optional<String> apiKey) {
    return apiKey
        .map(
            key ->
                findByApiKey(key)
                    .orElseThrow(() -> new NotFoundException("no workspace has this API key")))
        .or(this::findDefault)
        .orElseThrow(() -> new NotFoundException("the default workspace does not exist yet"));
  }

  /** Every workspace, ordered by name then API key. */
  List<Workspace> list();

  /**
   * Stores a new workspace.
   *
   * @throws dev.tokenmint.domain.failure.AlreadyExistsException when its id or API key is taken, or
   *     it is a second default workspace
   */
  void create(Workspace workspace);

  /**
   * Gives every workspace stored without an issuer (made before issuers were stored) the one its
   * tokens carried: {@code baseIssuer} for the default workspace, {@code
   * <baseIssuer>/workspaces/<apiKey>} for the others. Workspaces with an issuer are left alone.
   */
  void assignMissingIssuers(String baseIssuer);
}
