package dev.tokenmint.adapter.http.error;

import java.util.Objects;

/**
 * A refusal on an OAuth route, in the words of RFC 6749 §5.2 and the RFCs that extend its list
 * ({@code unsupported_grant_type}, {@code invalid_authorization_details} of RFC 9396 §5, {@code
 * invalid_target} of RFC 8693 §2.2.2): answered {@code {"error", "error_description"}} with its
 * HTTP status. It carries no stack trace: it says what the client sent, not where the server was.
 */
public final class OAuthError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * RFC 6749 §5.2: a parameter missing, repeated, unsupported, or a request otherwise malformed.
   */
  public static final String INVALID_REQUEST = "invalid_request";

  /** RFC 6749 §5.2: a grant type this server does not serve. */
  public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

  /** RFC 6749 §5.2: a scope this server does not serve. */
  public static final String INVALID_SCOPE = "invalid_scope";

  /** RFC 8693 §2.2.2: no token can be issued for the resource or audience asked for. */
  public static final String INVALID_TARGET = "invalid_target";

  /** RFC 9396 §5: authorization details malformed, unknown, or wider than allowed. */
  public static final String INVALID_AUTHORIZATION_DETAILS = "invalid_authorization_details";

  private final int status;
  private final String error;

  /**
   * A refusal answered with HTTP {@code status}, the code {@code error} and {@code description}.
   */
  public OAuthError(int status, String error, String description) {
    super(Objects.requireNonNull(description, "description"));
    this.status = status;
    this.error = Objects.requireNonNull(error, "error");
  }

  /** A 400 refusal with {@code error}. */
  public static OAuthError badRequest(String error, String description) {
    return new OAuthError(400, error, description);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error code. */
  public String error() {
    return error;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
