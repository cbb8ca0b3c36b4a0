package dev.tokenmint.domain.audit;

import dev.tokenmint.domain.failure.Required;
import dev.tokenmint.domain.workspace.Caller;
import java.time.Instant;
import java.util.Optional;

/**
 * One audit event: when, in which workspace, who ({@code actor}), what ({@code kind}), on what
 * ({@code target}: a user id, a {@code jti}, a {@code kid}, a credential id, an API key), the user
 * and the token concerned when there are, a short description ({@code detail}), and the id of the
 * request that made it. Never a token, a secret or a private key: its makers put none in.
 *
 * @param actor a credential id, or {@link #CLI}, {@link #SCHEDULER}, {@link #CONFIG} or {@link
 *     #SUBJECT_TOKEN}
 */
public record AuditEvent(
    Instant at,
    String workspaceId,
    String actor,
    AuditKind kind,
    Optional<String> target,
    Optional<String> userId,
    Optional<String> jti,
    Optional<String> detail,
    Optional<String> requestId) {

  /** The actor of changes made with the command line. */
  public static final String CLI = "cli";

  /** The actor of the scheduled key rotation. */
  public static final String SCHEDULER = "scheduler";

  /**
   * The actor of changes a server makes at its start from its configuration: the default workspace
   * and its configured admin credential, a new key when the configured signing algorithm changed.
   */
  public static final String CONFIG = "config";

  /**
   * The actor of a token exchange: no credential is presented, the subject token is the authority
   * (the event names it as its target).
   */
  public static final String SUBJECT_TOKEN = "subject-token";

  /** Longest {@code detail}, in UTF-16 units; see {@link #clip}. */
  public static final int MAX_DETAIL_LENGTH = 1000;

  /**
   * Every part is required; {@code detail} is at most {@link #MAX_DETAIL_LENGTH} long.
   *
   * @throws IllegalArgumentException when the detail is longer
   */
  public AuditEvent {
    Required.all(at, workspaceId, actor, kind, target, userId, jti, detail, requestId);
    detail.ifPresent(
        text -> {
          if (text.length() > MAX_DETAIL_LENGTH) {
            throw new IllegalArgumentException(
                "detail must be at most " + MAX_DETAIL_LENGTH + " long; clip it");
          }
        });
  }

  /** An event of {@code kind} by {@code actor} in the workspace, with nothing else said yet. */
  public static AuditEvent of(Instant at, String workspaceId, String actor, AuditKind kind) {
    return new AuditEvent(
        at,
        workspaceId,
        actor,
        kind,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * An event of {@code kind} by {@code caller}: in its workspace, its credential as the actor, with
   * its request id.
   */
  public static AuditEvent by(Caller caller, Instant at, AuditKind kind) {
    return of(at, caller.workspace().id(), caller.credentialId(), kind)
        .withRequestId(caller.requestId());
  }

  /** This event about {@code target}. */
  public AuditEvent onTarget(String target) {
    return new AuditEvent(
        at, workspaceId, actor, kind, Optional.of(target), userId, jti, detail, requestId);
  }

  /** This event about the user {@code userId}: its target and its user. */
  public AuditEvent onUser(String userId) {
    return onTarget(userId).withUser(userId);
  }

  /** This event about the token {@code jti}: its target and its token. */
  public AuditEvent onToken(String jti) {
    return new AuditEvent(
        at,
        workspaceId,
        actor,
        kind,
        Optional.of(jti),
        userId,
        Optional.of(jti),
        detail,
        requestId);
  }

  /** This event, concerning the token {@code jti} (the target stays). */
  public AuditEvent withToken(String jti) {
    return new AuditEvent(
        at, workspaceId, actor, kind, target, userId, Optional.of(jti), detail, requestId);
  }

  /** This event, concerning the user {@code userId} (the target stays). */
  public AuditEvent withUser(String userId) {
    return new AuditEvent(
        at, workspaceId, actor, kind, target, Optional.of(userId), jti, detail, requestId);
  }

  /** This event described by {@code detail}, {@linkplain #clip clipped} to fit. */
  public AuditEvent withDetail(String detail) {
    return new AuditEvent(
        at, workspaceId, actor, kind, target, userId, jti, Optional.of(clip(detail)), requestId);
  }

  /** This event, made by the request {@code requestId} when there is one. */
  public AuditEvent withRequestId(Optional<String> requestId) {
    return new AuditEvent(at, workspaceId, actor, kind, target, userId, jti, detail, requestId);
  }

  /**
   * {@code text}, or when longer than {@link #MAX_DETAIL_LENGTH} its beginning and {@code …}: never
   * a character cut in half.
   */
  public static String clip(String text) {
    if (text.length() <= MAX_DETAIL_LENGTH) {
      return text;
    }
    int end = MAX_DETAIL_LENGTH - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // its low half would be cut off
    }
    return text.substring(0, end) + "…";
  }
}
