package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Key rings in memory, for embedders and tests. Thread-safe; private keys are not encrypted. */
public final class InMemoryKeyRing implements KeyRing {

  private final Map<String, List<SigningKey>> rings = new ConcurrentHashMap<>();

  @Override
  public Optional<SigningKey> activeKey(String workspaceId) {
    return keys(workspaceId).stream().filter(k -> k.status() == KeyStatus.ACTIVE).findFirst();
  }

  @Override
  public List<SigningKey> keys(String workspaceId) {
    return rings.getOrDefault(workspaceId, List.of());
  }

  @Override
  public void activate(String workspaceId, SigningKey key) {
    rings.compute(
        workspaceId,
        (id, ring) -> {
          List<SigningKey> next = new ArrayList<>();
          next.add(key.withStatus(KeyStatus.ACTIVE));
          for (SigningKey old : ring == null ? List.<SigningKey>of() : ring) {
            next.add(old.status() == KeyStatus.ACTIVE ? old.withStatus(KeyStatus.RETIRING) : old);
          }
          return List.copyOf(next);
        });
  }
}
