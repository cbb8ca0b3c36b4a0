package dev.tokenmint.domain.failure;

import java.util.Optional;

/**
 * The one family of expected failures. Every message is safe to show to the caller: it never holds
 * a secret, a stack trace or an internal class name. Anything thrown that is not one of these is a
 * bug.
 */
public abstract sealed class TokenmintException extends RuntimeException
    permits InvalidArgumentException,
        UnauthenticatedException,
        PermissionDeniedException,
        NotFoundException,
        AlreadyExistsException,
        FailedPreconditionException,
        ResourceExhaustedException,
        UnavailableException {

  private final FailureKind kind;
  private final Remedy remedy;

  TokenmintException(FailureKind kind, String message) {
    this(kind, message, (Remedy) null);
  }

  /** {@code remedy} may be null: none. */
  TokenmintException(FailureKind kind, String message, Remedy remedy) {
    super(message);
    this.kind = kind;
    this.remedy = remedy;
  }

  TokenmintException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.remedy = null;
  }

  /** The kind of this failure, for exhaustive mapping to a dialect's status. */
  public final FailureKind kind() {
    return kind;
  }

  /**
   * What the caller can do about it, when an adapter has to name it ({@link Remedy}): the message
   * leaves it out, the adapter showing the message appends it.
   */
  public Optional<Remedy> remedy() {
    return Optional.ofNullable(remedy);
  }
}
