package dev.tokenmint.adapter.http.error;

import dev.tokenmint.adapter.http.json.JsonAnswers;
import dev.tokenmint.adapter.http.requestid.RequestIds;
import io.javalin.http.Context;

/**
 * Writes failures in the envelope of the dialect a request belongs to: Datafor's for its plugin
 * routes, Velt's for everything else. Both carry the request's id, the one its {@code X-Request-Id}
 * answer header carries, for the caller to quote.
 */
final class Envelopes {

  private static final String DATAFOR_PREFIX = "/plugin/datafor-modeler/";

  private Envelopes() {}

  /** Answers {@code ctx} with {@code status} and {@code message} in the request's dialect. */
  static void failure(Context ctx, ApiStatus status, String message) {
    ctx.status(status.httpCode());
    JsonAnswers.write(ctx, failure(ctx.path(), status, message, RequestIds.of(ctx)));
  }

  /** The failure body for request {@code requestId} to {@code path}: Datafor's envelope or Velt's. */
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
