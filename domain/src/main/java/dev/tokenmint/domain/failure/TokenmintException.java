package dev.tokenmint.domain.failure;

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

  TokenmintException(String message) {
    super(message);
  }

  TokenmintException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The kind of this failure, for exhaustive mapping to a dialect's status. */
  public abstract FailureKind kind();
}
