package dev.tokenmint.application.service;

import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.domain.key.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The key ring with each workspace's active key remembered for {@code cacheFor}, for the services
 * that sign: a busy instance reads the key once per {@code cacheFor} per workspace instead of once
 * per token.
 *
 * <p>What this allows, and only this: an instance keeps signing with the key that was active when
 * it read it for at most {@code cacheFor} after another instance (or the command line) activated a
 * newer one. An activation through this ring, on this instance, is signed with from the next read
 * on: it forgets what it remembered. A remembered key was read from the ring, so it was already
 * published; it keeps verifying as long as the ring's overlap, which must be at least {@code
 * cacheFor} longer than a token lives (see {@link KeyService}), so every token a remembered key
 * signs verifies until it expires. A workspace without an active key is not remembered: its first
 * key is used as soon as it exists.
 *
 * <p>{@link #keys} reads the ring every time; {@link #uncached()} is the ring with every read fresh
 * and activations still forgotten here, for the services that manage keys and verify.
 */
public final class ActiveKeyCache implements KeyRing {

  private final KeyRing ring;
  private final Clock clock;
  private final Duration cacheFor;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  // Bumped by each activation: a read that began before one does not remember what it read.
  private final AtomicLong activations = new AtomicLong();

  private record Remembered(SigningKey key, Instant until) {}

  /**
   * The ring remembering active keys for {@code cacheFor}; zero reads the ring every time.
   *
   * @throws IllegalArgumentException when {@code cacheFor} is negative
   */
  public ActiveKeyCache(KeyRing ring, Clock clock, Duration cacheFor) {
    if (cacheFor.isNegative()) {
      throw new IllegalArgumentException("cacheFor must not be negative");
    }
    this.ring = ring;
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  @Override
  public Optional<SigningKey> activeKey(String workspaceId) {
    if (cacheFor.isZero()) {
      return ring.activeKey(workspaceId);
    }
    Instant now = clock.instant();
    Remembered known = remembered.get(workspaceId);
    if (known != null && now.isBefore(known.until())) {
      return Optional.of(known.key());
    }
    long before = activations.get();
    Optional<SigningKey> read = ring.activeKey(workspaceId);
    read.ifPresent(
        key ->
            remembered.compute(
                workspaceId,
                (id, old) ->
                    activations.get() == before ? new Remembered(key, now.plus(cacheFor)) : old));
    return read;
  }

  @Override
  public List<SigningKey> keys(String workspaceId) {
    return ring.keys(workspaceId);
  }

  @Override
  public void activate(String workspaceId, SigningKey key) {
    try {
      ring.activate(workspaceId, key);
    } finally {
      forget(workspaceId);
    }
  }

  /**
   * Forgets {@code workspaceId}'s active key, as an activation does, and keeps a read already under
   * way from remembering what it read: for an activation that commits after {@link #activate}
   * returned, inside the caller's transaction (a read between the two saw the old key).
   */
  public void forget(String workspaceId) {
    activations.incrementAndGet();
    remembered.remove(workspaceId);
  }

  /** The ring read afresh every time; an activation through it is forgotten here too. */
  public KeyRing uncached() {
    return new KeyRing() {
      @Override
      public Optional<SigningKey> activeKey(String workspaceId) {
        return ring.activeKey(workspaceId);
      }

      @Override
      public List<SigningKey> keys(String workspaceId) {
        return ring.keys(workspaceId);
      }

      @Override
      public void activate(String workspaceId, SigningKey key) {
        ActiveKeyCache.this.activate(workspaceId, key);
      }
    };
  }
}
