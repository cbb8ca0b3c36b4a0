package dev.tokenmint.adapter.http.error;

import io.javalin.http.Context;

/**
 * Writes failures in the envelope of the dialect a request belongs to: Datafor's for its plugin
 * routes, Velt's for everything else.
 */
final class Envelopes {

  private static final String DATAFOR_PREFIX = "/plugin/datafor-modeler/";

  private Envelopes() {}

  /** Answers {@code ctx} with {@code status} and {@code message} in the request's dialect. */
  static void failure(Context ctx, ApiStatus status, String message) {
    ctx.status(status.httpCode());
    ctx.header("Cache-Control", "no-store");
    ctx.json(failure(ctx.path(), status, message));
  }

  /** The failure body for a request to {@code path}: Datafor's envelope or Velt's. */
  static Record failure(String path, ApiStatus status, String message) {
    return path.startsWith(DATAFOR_PREFIX)
        ? new DataforFailure(false, message)
        : new VeltFailure(new VeltFailure.Error(message, status.name()));
  }

  /** {@code {"error":{"message":…,"status":…}}}. */
  record VeltFailure(Error error) {
    record Error(String message, String status) {}
  }

  /** {@code {"success":false,"message":…}}. */
  record DataforFailure(boolean success, String message) {}
}
