package dev.tokenmint.domain.failure;

/** Failure: a size or rate limit was exceeded; the message names the limit and what to do. */
public final class ResourceExhaustedException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public ResourceExhaustedException(String message) {
    super(message);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.RESOURCE_EXHAUSTED;
  }
}
