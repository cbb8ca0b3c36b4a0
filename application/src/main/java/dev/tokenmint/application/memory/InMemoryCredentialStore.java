package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.TokenHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Credentials in memory, for embedders and tests. Thread-safe. */
public final class InMemoryCredentialStore implements CredentialStore {

  private final Map<TokenHash, Credential> byHash = new ConcurrentHashMap<>();

  @Override
  public Optional<Credential> findByTokenHash(TokenHash hash) {
    return Optional.ofNullable(byHash.get(hash));
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
}
