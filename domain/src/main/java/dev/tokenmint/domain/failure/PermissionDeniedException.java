package dev.tokenmint.domain.failure;

/** Failure: the caller is authenticated but its role does not allow the operation. */
public final class PermissionDeniedException extends TokenmintException {

  /** Creates the failure with a message that is safe to show to the caller. */
  public PermissionDeniedException(String message) {
    super(FailureKind.PERMISSION_DENIED, message);
  }
}
