package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.TokenHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Credentials in memory, for embedders and tests. Thread-safe. */
public final class InMemoryCredentialStore implements CredentialStore, InMemoryStore {

  private Map<TokenHash, Credential> byHash = new LinkedHashMap<>();

  @Override
  public synchronized Optional<Credential> findByTokenHash(TokenHash hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  @Override
  public synchronized List<Credential> listByWorkspace(String workspaceId) {
    return byHash.values().stream().filter(c -> c.workspaceId().equals(workspaceId)).toList();
  }

  @Override
  public synchronized void create(Credential credential) {
    boolean taken =
        byHash.containsKey(credential.tokenHash())
            || byHash.values().stream().anyMatch(c -> c.id().equals(credential.id()));
    if (taken) {
      throw new AlreadyExistsException("a credential with this id or auth token exists");
    }
    byHash.put(credential.tokenHash(), credential);
  }

  @Override
  public synchronized boolean revoke(String workspaceId, String credentialId) {
    for (Map.Entry<TokenHash, Credential> entry : byHash.entrySet()) {
      Credential c = entry.getValue();
      if (c.id().equals(credentialId) && c.workspaceId().equals(workspaceId)) {
        entry.setValue(
            new Credential(c.id(), c.workspaceId(), c.tokenHash(), c.role(), c.createdAt(), true));
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized Object snapshot() {
    return new LinkedHashMap<>(byHash);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    byHash = new LinkedHashMap<>((Map<TokenHash, Credential>) snapshot);
  }
}
