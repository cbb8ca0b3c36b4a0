package dev.tokenmint.domain.failure;

import java.util.Objects;

/** Failure: the caller presented no valid credentials. */
public final class UnauthenticatedException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public UnauthenticatedException(String message) {
    super(FailureKind.UNAUTHENTICATED, message);
  }

  /** Creates the failure with a message safe to show, and what the caller can do about it. */
  public UnauthenticatedException(String message, Remedy remedy) {
    super(FailureKind.UNAUTHENTICATED, message, Objects.requireNonNull(remedy, "remedy"));
  }
}
