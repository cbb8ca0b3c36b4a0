package dev.tokenmint.domain.failure;

/** Failure: the caller presented no valid credentials. */
public final class UnauthenticatedException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public UnauthenticatedException(String message) {
    super(message);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.UNAUTHENTICATED;
  }
}
