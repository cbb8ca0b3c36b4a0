package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.TokenHash;
import java.util.List;
import java.util.Optional;

/** The stored credentials of every workspace; auth tokens only as hashes. */
public interface CredentialStore {

  /** The credential whose auth token has this hash, if any. */
  Optional<Credential> findByTokenHash(TokenHash hash);

  /** The workspace's credentials, revoked ones included, oldest first. */
  List<Credential> listByWorkspace(String workspaceId);

  /**
   * Stores a new credential.
   *
   * @throws dev.tokenmint.domain.failure.AlreadyExistsException when its id or hash is taken
   */
  void create(Credential credential);

  /** Revokes the workspace's credential with this id; false when it has none such. */
  boolean revoke(String workspaceId, String credentialId);
}
