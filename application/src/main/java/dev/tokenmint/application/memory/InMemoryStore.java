package dev.tokenmint.application.memory;

/**
 * An in-memory store whose state {@link InMemoryTransactions} can save before a unit of work and
 * put back when it fails, so the in-memory stores honour the same all-or-nothing contract as the
 * database.
 */
public interface InMemoryStore {

  /** A copy of the whole state. */
  Object snapshot();

  /** Puts back a state taken by {@link #snapshot()}. */
  void restore(Object snapshot);
}
