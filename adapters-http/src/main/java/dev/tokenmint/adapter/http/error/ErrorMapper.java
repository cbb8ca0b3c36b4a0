package dev.tokenmint.adapter.http.error;

import dev.tokenmint.domain.failure.TokenmintException;
import dev.tokenmint.domain.failure.UnavailableException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three exception handlers {@link HttpServer} registers: tokenmint's own failures, Javalin's
 * HTTP errors (unknown routes, bodies over the limit), and anything else, which is a bug: answered
 * 500 {@code INTERNAL} with a fixed message and a reference, logged with that reference.
 */
public final class ErrorMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private final long maxBodyBytes;

  /** A mapper that names {@code maxBodyBytes} when a body is too large. */
  public ErrorMapper(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Answers one of tokenmint's own failures. */
  public void onFailure(TokenmintException failure, Context ctx) {
    if (failure instanceof UnavailableException && failure.getCause() != null) {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), failure.getMessage(), failure.getCause());
    }
    Envelopes.failure(ctx, ApiStatus.of(failure.kind()), failure.getMessage());
  }

  /** Answers an HTTP error Javalin raised (unknown route, body too large, ...). */
  public void onHttpResponse(HttpResponseException failure, Context ctx) {
    int code = failure.getStatus();
    String message =
        switch (code) {
          case 404, 405 ->
              "no route "
                  + ctx.method()
                  + " "
                  + ctx.path()
                  + (ctx.path().startsWith("/v2/") ? " (every /v2 route is POST)" : "");
          case 413 ->
              "request body is larger than the limit of "
                  + maxBodyBytes
                  + " bytes; send fewer grants per request (store them with"
                  + " /v2/auth/permissions/add)";
          case 415 -> failure.getMessage();
          default -> "the request could not be served (HTTP " + code + ")";
        };
    ctx.status(code);
    Envelopes.failure(ctx, ApiStatus.ofHttpCode(code), message);
    ctx.status(code);
  }

  /** Answers a bug: 500 with a reference that is also logged. */
  public void onUnexpected(Exception failure, Context ctx) {
    String reference = UUID.randomUUID().toString();
    LOG.error("unexpected failure on {} {} [ref {}]", ctx.method(), ctx.path(), reference, failure);
    Envelopes.failure(
        ctx, ApiStatus.INTERNAL, "internal error; quote reference " + reference + " to the operator");
  }
}
