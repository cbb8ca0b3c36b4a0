package dev.tokenmint.domain.failure;

/**
 * The kinds of failure tokenmint reports, one per subclass of {@link TokenmintException}.
 *
 * <p>Adapters switch over this enum (an exhaustive switch expression) to pick a status, so adding a
 * kind breaks the build in every dialect's mapper until it is handled there.
 */
public enum FailureKind {
  INVALID_ARGUMENT,
  UNAUTHENTICATED,
  PERMISSION_DENIED,
  NOT_FOUND,
  ALREADY_EXISTS,
  FAILED_PRECONDITION,
  RESOURCE_EXHAUSTED,
  UNAVAILABLE
}
