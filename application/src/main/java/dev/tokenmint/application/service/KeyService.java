package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.PublishKeys;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.KeyGenerator;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps every workspace's ring with an active key, rotates it, and publishes the keys that verify.
 * A key that stopped signing (retiring) keeps verifying for {@code overlap} — the longest token
 * lifetime plus clock skew — counted from when the next key took over, then leaves the JWKS. Each
 * workspace's admin may narrow the algorithms its verification accepts within the operator's list.
 * Rotations and algorithm changes are audited; a key made by {@link #ensureActiveKey} is audited by
 * whoever asked for it, as part of its own change.
 */
public final class KeyService implements ManageKeys, PublishKeys {

  /**
   * The most keys of one workspace that verify at once, unless configured otherwise: the active key
   * and nine retiring ones. Each rotation keeps the previous key for the whole overlap (48 h +
   * skew), so without a cap a loop of rotations would grow the JWKS, and every verifier's key
   * cache, without bound. Ten allows a rotation every five hours, far more than any schedule needs.
   */
  public static final int DEFAULT_MAX_VERIFYING_KEYS = 10;

  private final WorkspaceStore workspaces;
  private final KeyRing keyRing;
  private final WorkspaceSettings settings;
  private final KeyGenerator generator;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration overlap;
  private final Set<SigningAlgorithm> globalAllowed;
  private final int maxVerifyingKeys;

  /**
   * A service over the given ring, making keys with {@code generator}; workspaces' verification
   * accepts at most {@code globalAllowed} (the operator's list), and all of it unless their admin
   * narrowed it in {@code settings}. At most {@link #DEFAULT_MAX_VERIFYING_KEYS} keys verify at
   * once.
   *
   * @throws IllegalArgumentException when {@code globalAllowed} is empty
   */
  public KeyService(
      WorkspaceStore workspaces,
      KeyRing keyRing,
      WorkspaceSettings settings,
      KeyGenerator generator,
      AuditLog audit,
      Clock clock,
      Duration overlap,
      Set<SigningAlgorithm> globalAllowed) {
    this(
        workspaces,
        keyRing,
        settings,
        generator,
        audit,
        clock,
        overlap,
        globalAllowed,
        DEFAULT_MAX_VERIFYING_KEYS);
  }

  /**
   * As above, with at most {@code maxVerifyingKeys} keys of a workspace verifying at once: a
   * rotation that would make one more is refused.
   *
   * @throws IllegalArgumentException when {@code globalAllowed} is empty or {@code
   *     maxVerifyingKeys} is under 2 (a rotation needs room for the active key and the one it
   *     replaces)
   */
  public KeyService(
      WorkspaceStore workspaces,
      KeyRing keyRing,
      WorkspaceSettings settings,
      KeyGenerator generator,
      AuditLog audit,
      Clock clock,
      Duration overlap,
      Set<SigningAlgorithm> globalAllowed,
      int maxVerifyingKeys) {
    if (globalAllowed.isEmpty()) {
      throw new IllegalArgumentException("the operator's list of allowed algorithms is empty");
    }
    if (maxVerifyingKeys < 2) {
      throw new IllegalArgumentException(
          "at least 2 keys must be allowed to verify at once, got " + maxVerifyingKeys);
    }
    this.maxVerifyingKeys = maxVerifyingKeys;
    this.workspaces = workspaces;
    this.keyRing = keyRing;
    this.settings = settings;
    this.generator = generator;
    this.audit = audit;
    this.clock = clock;
    this.overlap = overlap;
    this.globalAllowed = Collections.unmodifiableSet(EnumSet.copyOf(globalAllowed));
  }

  @Override
  public SigningKey ensureActiveKey(Workspace workspace, SigningAlgorithm algorithm) {
    Optional<SigningKey> active = keyRing.activeKey(workspace.id());
    if (active.isPresent() && active.get().algorithm() == algorithm) {
      return active.get();
    }
    return activateNew(workspace, algorithm);
  }

  @Override
  public SigningKey rotate(Caller caller) {
    caller.require(CredentialRole.ADMIN);
    Workspace workspace = caller.workspace();
    SigningKey previous =
        keyRing
            .activeKey(workspace.id())
            .orElseThrow(() -> new FailedPreconditionException("the workspace has no active key"));
    Instant now = clock.instant();
    fullRing(workspace.id(), now)
        .ifPresent(
            full -> {
              throw new FailedPreconditionException(
                  "the workspace already has "
                      + full.verifying()
                      + " signing keys that verify (the active key and "
                      + (full.verifying() - 1)
                      + " retiring), the most it publishes at once; the oldest retiring key, "
                      + full.oldest().kid()
                      + ", stops verifying and leaves the JWKS at "
                      + full.oldestLeavesAt()
                      + " (in "
                      + Duration.between(now, full.oldestLeavesAt()).toSeconds()
                      + " s): rotate after that");
            });
    try (AuditLog.Reservation room = audit.reserve(1)) {
      SigningKey key = activateNew(workspace, previous.algorithm());
      room.record(
          rotated(AuditEvent.by(caller, key.createdAt(), AuditKind.KEY_ROTATED), key, previous));
      return key;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Also false while the workspace has as many verifying keys as it may publish: the next round
   * tries again, and the active key is then at most one overlap old.
   */
  @Override
  public boolean rotateIfOlderThan(Workspace workspace, Duration maxAge) {
    Optional<SigningKey> active = keyRing.activeKey(workspace.id());
    Instant now = clock.instant();
    if (active.isEmpty()
        || active.get().createdAt().plus(maxAge).isAfter(now)
        || fullRing(workspace.id(), now).isPresent()) {
      return false;
    }
    try (AuditLog.Reservation room = audit.reserve(1)) {
      SigningKey key = activateNew(workspace, active.get().algorithm());
      room.record(
          rotated(
              AuditEvent.of(
                  key.createdAt(), workspace.id(), AuditEvent.SCHEDULER, AuditKind.KEY_ROTATED),
              key,
              active.get()));
      return true;
    }
  }

  /** {@code event} about the new key, saying its algorithm and the key it replaced. */
  private static AuditEvent rotated(AuditEvent event, SigningKey key, SigningKey previous) {
    return event
        .onTarget(key.kid())
        .withDetail(key.algorithm().joseName() + ", replacing " + previous.kid());
  }

  /** The ring is full: {@code verifying} keys verify, and {@code oldest} is the first to stop. */
  private record FullRing(int verifying, SigningKey oldest, Instant oldestLeavesAt) {}

  /** The ring's state when it has as many verifying keys as it may have, else empty. */
  private Optional<FullRing> fullRing(String workspaceId, Instant now) {
    List<SigningKey> ring = keyRing.keys(workspaceId);
    int verifying = 0;
    SigningKey oldest = null;
    Instant oldestLeavesAt = Instant.MAX;
    for (int i = 0; i < ring.size(); i++) {
      SigningKey key = ring.get(i);
      Optional<Instant> until = retiringSince(ring, i).map(at -> at.plus(overlap));
      if (key.status() == KeyStatus.ACTIVE
          || (key.status() == KeyStatus.RETIRING && until.map(now::isBefore).orElse(true))) {
        verifying++;
        // Newest first: on a tie the later, older key is named.
        if (until.isPresent() && !until.get().isAfter(oldestLeavesAt)) {
          oldest = key;
          oldestLeavesAt = until.get();
        }
      }
    }
    return verifying >= maxVerifyingKeys && oldest != null
        ? Optional.of(new FullRing(verifying, oldest, oldestLeavesAt))
        : Optional.empty();
  }

  @Override
  public List<KeyView> keys(Caller caller) {
    caller.require(CredentialRole.ADMIN);
    List<SigningKey> ring = keyRing.keys(caller.workspace().id());
    Instant now = clock.instant();
    List<KeyView> views = new ArrayList<>(ring.size());
    for (int i = 0; i < ring.size(); i++) {
      Optional<Instant> retiringSince = retiringSince(ring, i);
      Optional<Instant> verifiesUntil = retiringSince.map(at -> at.plus(overlap));
      SigningKey key = ring.get(i);
      // A retiring key past its overlap no longer verifies: show it as retired, as it acts.
      boolean pastOverlap = verifiesUntil.map(until -> !now.isBefore(until)).orElse(false);
      views.add(
          new KeyView(
              pastOverlap ? key.withStatus(KeyStatus.RETIRED) : key, retiringSince, verifiesUntil));
    }
    return views;
  }

  @Override
  public List<SigningKey> verifyingKeys(String workspaceId, Instant now) {
    return verifying(keyRing.keys(workspaceId), now);
  }

  /** One read of the ring for both: its active key is the one whose algorithm is always allowed. */
  @Override
  public Verifiers verifiers(String workspaceId, Instant now) {
    List<SigningKey> ring = keyRing.keys(workspaceId);
    Optional<SigningAlgorithm> signing =
        ring.stream()
            .filter(key -> key.status() == KeyStatus.ACTIVE)
            .findFirst()
            .map(SigningKey::algorithm);
    return new Verifiers(verifying(ring, now), effectiveAlgorithms(workspaceId, signing));
  }

  /** The keys of {@code ring} (newest first) that verify at {@code now}. */
  private List<SigningKey> verifying(List<SigningKey> ring, Instant now) {
    List<SigningKey> verifying = new ArrayList<>(ring.size());
    for (int i = 0; i < ring.size(); i++) {
      SigningKey key = ring.get(i);
      boolean verifies =
          switch (key.status()) {
            case ACTIVE -> true;
            case RETIRING ->
                retiringSince(ring, i).map(at -> now.isBefore(at.plus(overlap))).orElse(true);
            case RETIRED -> false;
          };
      if (verifies) {
        verifying.add(key);
      }
    }
    return verifying;
  }

  @Override
  public Set<SigningAlgorithm> effectiveAlgorithms(String workspaceId) {
    Optional<Set<SigningAlgorithm>> stored = settings.allowedAlgorithms(workspaceId);
    if (stored.isEmpty()) {
      return globalAllowed;
    }
    return effective(stored.get(), keyRing.activeKey(workspaceId).map(SigningKey::algorithm));
  }

  /** {@link #effectiveAlgorithms} when the active key's algorithm is {@code signing}. */
  private Set<SigningAlgorithm> effectiveAlgorithms(
      String workspaceId, Optional<SigningAlgorithm> signing) {
    return settings
        .allowedAlgorithms(workspaceId)
        .map(stored -> effective(stored, signing))
        .orElse(globalAllowed);
  }

  /** The stored list with the active key's algorithm, within the operator's list. */
  private Set<SigningAlgorithm> effective(
      Set<SigningAlgorithm> stored, Optional<SigningAlgorithm> signing) {
    EnumSet<SigningAlgorithm> effective = EnumSet.copyOf(globalAllowed);
    Set<SigningAlgorithm> wanted = EnumSet.copyOf(stored);
    signing.ifPresent(wanted::add);
    // The operator's list stays the ceiling, even when it shrank after the workspace's was set.
    effective.retainAll(wanted);
    return Collections.unmodifiableSet(effective);
  }

  @Override
  public Set<SigningAlgorithm> allowedAlgorithms(Caller caller) {
    caller.require(CredentialRole.ADMIN);
    return effectiveAlgorithms(caller.workspace().id());
  }

  @Override
  public Set<SigningAlgorithm> allowAlgorithms(Caller caller, Set<SigningAlgorithm> algorithms) {
    caller.require(CredentialRole.ADMIN);
    String workspaceId = caller.workspace().id();
    if (algorithms.isEmpty()) {
      throw new InvalidArgumentException("allowed", "must name at least one algorithm");
    }
    Set<SigningAlgorithm> outside = EnumSet.copyOf(algorithms);
    outside.removeAll(globalAllowed);
    if (!outside.isEmpty()) {
      throw new InvalidArgumentException(
          "allowed",
          "must be within the operator's allowed algorithms ("
              + names(globalAllowed)
              + "); not allowed: "
              + names(outside));
    }
    Optional<SigningAlgorithm> signing = keyRing.activeKey(workspaceId).map(SigningKey::algorithm);
    if (signing.isPresent() && !algorithms.contains(signing.get())) {
      throw new InvalidArgumentException(
          "allowed",
          "must include "
              + signing.get().joseName()
              + ", the algorithm of the workspace's active key, or its own tokens would not verify");
    }
    try (AuditLog.Reservation room = audit.reserve(1)) {
      settings.setAllowedAlgorithms(workspaceId, EnumSet.copyOf(algorithms));
      room.record(
          AuditEvent.by(
                  caller,
                  clock.instant().truncatedTo(ChronoUnit.MILLIS),
                  AuditKind.ALGORITHMS_CHANGED)
              .withDetail("allowed: " + names(algorithms)));
    }
    return effectiveAlgorithms(workspaceId);
  }

  @Override
  public List<String> publicJwks(Optional<String> apiKey) {
    Workspace workspace = workspaces.byApiKeyOrDefault(apiKey);
    return verifyingKeys(workspace.id(), clock.instant()).stream()
        .filter(SigningKey::isPublished)
        .map(SigningKey::publicJwk)
        .toList();
  }

  @Override
  public Issuer issuer(Optional<String> apiKey) {
    Workspace workspace = workspaces.byApiKeyOrDefault(apiKey);
    return new Issuer(workspace, effectiveAlgorithms(workspace.id()));
  }

  private SigningKey activateNew(Workspace workspace, SigningAlgorithm algorithm) {
    SigningKey key = generator.generate(algorithm, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    keyRing.activate(workspace.id(), key);
    return key;
  }

  private static String names(Set<SigningAlgorithm> algorithms) {
    return EnumSet.copyOf(algorithms).stream()
        .map(SigningAlgorithm::joseName)
        .collect(Collectors.joining(", "));
  }

  /** A non-active key stopped signing when the next newer key was created. */
  private static Optional<Instant> retiringSince(List<SigningKey> newestFirst, int index) {
    if (index == 0 || newestFirst.get(index).status() == KeyStatus.ACTIVE) {
      return Optional.empty();
    }
    return Optional.of(newestFirst.get(index - 1).createdAt());
  }
}
