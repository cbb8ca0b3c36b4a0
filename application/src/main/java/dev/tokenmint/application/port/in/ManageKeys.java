package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
   *
   * @throws dev.tokenmint.domain.failure.FailedPreconditionException when the workspace already has
   *     as many verifying keys as it may publish at once (saying when the oldest stops verifying),
   *     or has no active key
   */
  SigningKey rotate(Caller caller);

  /**
   * Rotates the workspace's ring when its active key is older than {@code maxAge} and the ring has
   * room for one more verifying key; true if it did.
   */
  boolean rotateIfOlderThan(Workspace workspace, Duration maxAge);

  /** The caller's workspace's keys, newest first, with when each stops verifying. Admin only. */
  List<KeyView> keys(Caller caller);

  /**
   * The keys of the workspace that verify at {@code now}: the active one, and retiring ones whose
   * overlap (the longest token lifetime plus clock skew since they stopped signing) has not ended.
   */
  List<SigningKey> verifyingKeys(String workspaceId, Instant now);

  /**
   * The algorithms the workspace's verification accepts now: the list its admin set, else the
   * operator's global list. The active key's algorithm is always among them (while the operator
   * allows it), so the workspace's fresh tokens verify even after its signing algorithm changed.
   */
  Set<SigningAlgorithm> effectiveAlgorithms(String workspaceId);

  /**
   * {@link #verifyingKeys} and {@link #effectiveAlgorithms} of the workspace at {@code now}
   * together: what a verification reads, from one read of the ring where the implementation can.
   */
  default Verifiers verifiers(String workspaceId, Instant now) {
    return new Verifiers(verifyingKeys(workspaceId, now), effectiveAlgorithms(workspaceId));
  }

  /** The keys that verify a workspace's tokens, and the algorithms its verification accepts. */
  record Verifiers(List<SigningKey> keys, Set<SigningAlgorithm> algorithms) {
    /** Both are required and copied. */
    public Verifiers {
      keys = List.copyOf(keys);
      algorithms = Set.copyOf(algorithms);
    }
  }

  /**
   * The caller's workspace's {@linkplain #effectiveAlgorithms effective algorithms}. Admin only.
   */
  Set<SigningAlgorithm> allowedAlgorithms(Caller caller);

  /**
   * Sets the algorithms the caller's workspace's verification accepts, and answers the effective
   * list. The list must be non-empty, within the operator's global list, and hold the algorithm of
   * the workspace's active key. Admin only.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming {@code allowed} when the
   *     list breaks a rule
   */
  Set<SigningAlgorithm> allowAlgorithms(Caller caller, Set<SigningAlgorithm> algorithms);

  /** A key of the ring and, once it stopped signing, when it stops verifying. */
  record KeyView(
      SigningKey key, Optional<Instant> retiringSince, Optional<Instant> verifiesUntil) {}
}
