package dev.tokenmint.domain.failure;

/** Failure: the thing to create exists already. */
public final class AlreadyExistsException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public AlreadyExistsException(String message) {
    super(FailureKind.ALREADY_EXISTS, message);
  }
}
