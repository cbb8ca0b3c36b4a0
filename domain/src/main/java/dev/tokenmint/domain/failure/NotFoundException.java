package dev.tokenmint.domain.failure;

/** Failure: the addressed thing does not exist in the caller's workspace. */
public final class NotFoundException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public NotFoundException(String message) {
    super(FailureKind.NOT_FOUND, message);
  }
}
