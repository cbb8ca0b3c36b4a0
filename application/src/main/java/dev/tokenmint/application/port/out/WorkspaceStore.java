package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.workspace.Workspace;
import java.util.List;
import java.util.Optional;

/** The stored workspaces. */
public interface WorkspaceStore {

  /** The workspace with this API key, if any. */
  Optional<Workspace> findByApiKey(String apiKey);

  /** The default workspace, if created. */
  Optional<Workspace> findDefault();

  /** Every workspace, ordered by name then API key. */
  List<Workspace> list();

  /**
   * Stores a new workspace.
   *
   * @throws dev.tokenmint.domain.failure.AlreadyExistsException when its id or API key is taken,
   *     or it is a second default workspace
   */
  void create(Workspace workspace);

  /**
   * Gives every workspace stored without an issuer (made before issuers were stored) the one its
   * tokens carried: {@code baseIssuer} for the default workspace, {@code
   * <baseIssuer>/workspaces/<apiKey>} for the others. Workspaces with an issuer are left alone.
   */
  void assignMissingIssuers(String baseIssuer);
}
