package dev.tokenmint.domain.failure;

/** Failure: a dependency (the database, say) is down; the caller may retry later. */
public final class UnavailableException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public UnavailableException(String message) {
    super(FailureKind.UNAVAILABLE, message);
  }

  /** Creates the failure, keeping the technical cause for the log only (never for the response). */
  public UnavailableException(String message, Throwable cause) {
    super(FailureKind.UNAVAILABLE, message, cause);
  }
}
