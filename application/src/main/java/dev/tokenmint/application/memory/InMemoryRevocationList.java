package dev.tokenmint.application.memory;

import dev.tokenmint.application.port.out.RevocationList;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Revocations in memory, for embedders and tests. Thread-safe. */
public final class InMemoryRevocationList implements RevocationList {

  private record Key(String workspaceId, String jti) {}

  private final Map<Key, Instant> until = new HashMap<>();

  @Override
  public synchronized void revoke(String workspaceId, String jti, Instant expiresAt) {
    until.merge(new Key(workspaceId, jti), expiresAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public synchronized boolean isRevoked(String workspaceId, String jti, Instant now) {
    Instant lapses = until.get(new Key(workspaceId, jti));
    return lapses != null && now.isBefore(lapses);
  }

  @Override
  public synchronized int forgetExpired(Instant now) {
    int before = until.size();
    until.values().removeIf(lapses -> !now.isBefore(lapses));
    return before - until.size();
  }
}
