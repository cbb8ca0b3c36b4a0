package dev.tokenmint.adapter.http.error;

import dev.tokenmint.domain.failure.FailureKind;

/**
 * The status words of Velt's failure envelope with their HTTP codes. Both dialects answer with the
 * same HTTP code for the same failure; only the envelope differs.
 */
public enum ApiStatus {
  INVALID_ARGUMENT(400),
  UNAUTHENTICATED(401),
  PERMISSION_DENIED(403),
  NOT_FOUND(404),
  ALREADY_EXISTS(409),
  FAILED_PRECONDITION(400),
  RESOURCE_EXHAUSTED(413),
  INTERNAL(500),
  UNAVAILABLE(503);

  private final int httpCode;

  ApiStatus(int httpCode) {
    this.httpCode = httpCode;
  }

  /** The HTTP status code. */
  public int httpCode() {
    return httpCode;
  }

  /**
   * The status of a failure kind. An exhaustive switch: a new kind does not compile until it is
   * mapped here (Java 17 has no pattern switch over the sealed exceptions, so the kinds are an
   * enum).
   */
  public static ApiStatus of(FailureKind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> INVALID_ARGUMENT;
      case UNAUTHENTICATED -> UNAUTHENTICATED;
      case PERMISSION_DENIED -> PERMISSION_DENIED;
      case NOT_FOUND -> NOT_FOUND;
      case ALREADY_EXISTS -> ALREADY_EXISTS;
      case FAILED_PRECONDITION -> FAILED_PRECONDITION;
      case RESOURCE_EXHAUSTED -> RESOURCE_EXHAUSTED;
      case UNAVAILABLE -> UNAVAILABLE;
    };
  }

  /**
   * The status for an HTTP error Javalin or Jetty raised itself (unknown route, body too large,
   * malformed request, ...). A limit the request broke, of size or of time, is {@code
   * RESOURCE_EXHAUSTED}; a request this server cannot read (an unknown HTTP version or transfer
   * coding: 505, 501) is the client's to fix, so {@code INVALID_ARGUMENT}, not {@code INTERNAL}.
   */
  public static ApiStatus ofHttpCode(int code) {
    return switch (code) {
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404, 405 -> NOT_FOUND;
      case 409 -> ALREADY_EXISTS;
      case 408, 413, 414, 429, 431 -> RESOURCE_EXHAUSTED;
      case 501, 505 -> INVALID_ARGUMENT;
      case 503 -> UNAVAILABLE;
      default -> code >= 500 ? INTERNAL : INVALID_ARGUMENT;
    };
  }
}
