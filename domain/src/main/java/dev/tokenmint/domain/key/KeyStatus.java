package dev.tokenmint.domain.key;

/** Where a key stands in its ring. */
public enum KeyStatus {
  /** Signs new tokens (one per ring) and verifies. */
  ACTIVE,
  /** Verifies tokens it signed until they have all expired; signs nothing new. */
  RETIRING,
  /** Neither signs nor verifies; kept for the record. */
  RETIRED
}
