package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.TokenHash;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Credentials in memory, for embedders and tests. Thread-safe. */
public final class InMemoryCredentialStore extends InMemoryMap<TokenHash, Credential>
    implements CredentialStore {

  @Override
  public synchronized Optional<Credential> findByTokenHash(TokenHash hash) {
    return Optional.ofNullable(entries().get(hash));
  }

  @Override
  public synchronized List<Credential> listByWorkspace(String workspaceId) {
    return entries().values().stream().filter(c -> c.workspaceId().equals(workspaceId)).toList();
  }

  @Override
  public synchronized void create(Credential credential) {
    boolean taken =
        entries().containsKey(credential.tokenHash())
            || entries().values().stream().anyMatch(c -> c.id().equals(credential.id()));
    if (taken) {
      throw new AlreadyExistsException("a credential with this id or auth token exists");
    }
    entries().put(credential.tokenHash(), credential);
  }

  @Override
  public synchronized boolean revoke(String workspaceId, String credentialId) {
    for (Map.Entry<TokenHash, Credential> entry : entries().entrySet()) {
      Credential c = entry.getValue();
      if (c.id().equals(credentialId) && c.workspaceId().equals(workspaceId)) {
        entry.setValue(
            new Credential(c.id(), c.workspaceId(), c.tokenHash(), c.role(), c.createdAt(), true));
        return true;
      }
    }
    return false;
  }
}
