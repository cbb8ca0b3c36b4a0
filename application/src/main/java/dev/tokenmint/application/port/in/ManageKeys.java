package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Look after a workspace's key ring. */
public interface ManageKeys {

  /**
   * The workspace's active key; when it has none, or its active key uses another algorithm, a new
   * key of {@code algorithm} is generated and made active (the previous one turns retiring).
   */
  SigningKey ensureActiveKey(Workspace workspace, SigningAlgorithm algorithm);

  /**
   * Rotates the caller's workspace's key ring: a new key of the active key's algorithm becomes
   * active; the previous one keeps verifying until every token it signed has expired. Admin only.
   */
  SigningKey rotate(Caller caller);

  /** Rotates the workspace's ring when its active key is older than {@code maxAge}; true if it did. */
  boolean rotateIfOlderThan(Workspace workspace, Duration maxAge);

  /** The caller's workspace's keys, newest first, with when each stops verifying. Admin only. */
  List<KeyView> keys(Caller caller);

  /**
   * The keys of the workspace that verify at {@code now}: the active one, and retiring ones whose
   * overlap (the longest token lifetime plus clock skew since they stopped signing) has not ended.
   */
  List<SigningKey> verifyingKeys(String workspaceId, Instant now);

  /** A key of the ring and, once it stopped signing, when it stops verifying. */
  record KeyView(SigningKey key, Optional<Instant> retiringSince, Optional<Instant> verifiesUntil) {}
}
