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

  private final Remedy remedy;

  TokenmintException(String message) {
    this(message, (Remedy) null);
  }

  TokenmintException(String message, Remedy remedy) {
    super(message);
    this.remedy = remedy;
  }

  TokenmintException(String message, Throwable cause) {
    super(message, cause);
    this.remedy = null;
  }

  /**
   * What the caller can do about it, when an adapter has to name it ({@link Remedy}): the message
   * leaves it out, the adapter showing the message appends it.
   */
  public Optional<Remedy> remedy() {
    return Optional.ofNullable(remedy);
  }

  /** The kind of this failure, for exhaustive mapping to a dialect's status. */
  public abstract FailureKind kind();
}
