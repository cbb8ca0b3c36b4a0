package dev.tokenmint.application.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-memory store whose whole state is one map: what {@link InMemoryTransactions} saves before a
 * unit of work and puts back when it fails is a copy of that map. Subclasses read and write it in
 * their {@code synchronized} methods only, under the same lock as the snapshot.
 *
 * @param <K> what the store looks its values up by
 * @param <V> what it keeps
 */
abstract class InMemoryMap<K, V> implements InMemoryStore {

  private Map<K, V> entries = new LinkedHashMap<>();

  /** The state, in the order it was written; call with this store's lock held. */
  protected final Map<K, V> entries() {
    return entries;
  }

  @Override
  public final synchronized Object snapshot() {
    return new LinkedHashMap<>(entries);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final synchronized void restore(Object snapshot) {
    entries = new LinkedHashMap<>((Map<K, V>) snapshot);
  }
}
