package dev.tokenmint.domain.failure;

/** Failure: the request is valid but the system is not in a state to perform it. */
public final class FailedPreconditionException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public FailedPreconditionException(String message) {
    super(FailureKind.FAILED_PRECONDITION, message);
  }
}
