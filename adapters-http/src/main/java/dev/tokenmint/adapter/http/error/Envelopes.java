package dev.tokenmint.adapter.http.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tokenmint.adapter.http.json.JsonAnswers;
import dev.tokenmint.adapter.http.requestid.RequestIds;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Writes failures in the envelope of the dialect a request belongs to: Datafor's for its plugin
 * routes, OAuth's (RFC 6749 §5.2) for the {@code /oauth2/} routes and the workspaces' token
 * endpoints, Velt's for everything else. Datafor's and Velt's carry the request's id, the one its
 * {@code X-Request-Id} answer header carries, for the caller to quote; OAuth's has exactly the
 * members its RFC names, and the header alone carries the id.
 */
final class Envelopes {

  private static final String DATAFOR_PREFIX = "/plugin/datafor-modeler/";

  /**
   * The routes that speak OAuth (RFC 6749 §5.2 errors): these, and a workspace's token endpoint.
   */
  static final String OAUTH_PREFIX = "/oauth2/";

  private static final Pattern WORKSPACE_OAUTH = Pattern.compile("/workspaces/[^/]+/oauth2/.*");

  /** Whether {@code path} is an OAuth route's. */
  static boolean isOAuth(String path) {
    return path.startsWith(OAUTH_PREFIX) || WORKSPACE_OAUTH.matcher(path).matches();
  }

  private Envelopes() {}

  /** Answers {@code ctx} with {@code status} and {@code message} in the request's dialect. */
  static void failure(Context ctx, ApiStatus status, String message) {
    failure(ctx, status, message, status.httpCode());
  }

  /**
   * Answers {@code ctx} with {@code status} and {@code message} under the HTTP code {@code code}.
   */
  static void failure(Context ctx, ApiStatus status, String message, int code) {
    if (isOAuth(ctx.path())) {
      oauth(ctx, code, oauthError(status, code), message);
      return;
    }
    ctx.status(code);
    JsonAnswers.write(ctx, failure(ctx.path(), status, message, RequestIds.of(ctx)));
  }

  /**
   * Answers an OAuth route with {@code {"error", "error_description"}} (RFC 6749 §5.2), not to be
   * cached ({@code Cache-Control: no-store} and {@code Pragma: no-cache}, §5.1). A 401 names the
   * scheme to authenticate with (§5.2: {@code WWW-Authenticate} on {@code invalid_client}).
   */
  static void oauth(Context ctx, int code, String error, String description) {
    ctx.status(code);
    ctx.header("Pragma", "no-cache");
    if (code == 401) {
      ctx.header("WWW-Authenticate", "Basic realm=\"tokenmint\", charset=\"UTF-8\"");
    }
    JsonAnswers.write(ctx, new OAuthFailure(error, description));
  }

  /** The RFC 6749 §5.2 code of a failure answered with HTTP {@code code}. */
  static String oauthError(ApiStatus status, int code) {
    if (code == 429 || code == 503) {
      return "temporarily_unavailable";
    }
    return switch (status) {
      case UNAUTHENTICATED -> "invalid_client";
      case PERMISSION_DENIED -> "unauthorized_client";
      case INTERNAL -> "server_error";
      case UNAVAILABLE -> "temporarily_unavailable";
      case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, RESOURCE_EXHAUSTED ->
          OAuthError.INVALID_REQUEST;
    };
  }

  /** {@code {"error":…,"error_description":…}}. */
  record OAuthFailure(String error, @JsonProperty("error_description") String description) {}

  /**
   * The failure body for request {@code requestId} to {@code path}: Datafor's envelope or Velt's.
   */
  static Record failure(String path, ApiStatus status, String message, String requestId) {
    return path.startsWith(DATAFOR_PREFIX)
        ? new DataforFailure(false, message, requestId)
        : new VeltFailure(new VeltFailure.Error(message, status.name(), requestId));
  }

  /** {@code {"error":{"message":…,"status":…,"requestId":…}}}. */
  record VeltFailure(Error error) {
    record Error(String message, String status, String requestId) {}
  }

  /** {@code {"success":false,"message":…,"requestId":…}}. */
  record DataforFailure(boolean success, String message, String requestId) {}
}
