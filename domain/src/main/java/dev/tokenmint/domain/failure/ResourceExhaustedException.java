package dev.tokenmint.domain.failure;

import java.util.Objects;

/** Failure: a size or rate limit was exceeded; the message names the limit and what to do. */
public final class ResourceExhaustedException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public ResourceExhaustedException(String message) {
    super(FailureKind.RESOURCE_EXHAUSTED, message);
  }

  /** Creates the failure with a message safe to show, and what the caller can do about it. */
  public ResourceExhaustedException(String message, Remedy remedy) {
    super(FailureKind.RESOURCE_EXHAUSTED, message, Objects.requireNonNull(remedy, "remedy"));
  }
}
