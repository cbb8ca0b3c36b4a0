package dev.tokenmint.adapter.http.error;

import dev.tokenmint.adapter.http.deadline.BodyNotReceived;
import dev.tokenmint.adapter.http.limit.RateLimited;
import dev.tokenmint.adapter.http.requestid.RequestIds;
import dev.tokenmint.domain.failure.TokenmintException;
import dev.tokenmint.domain.failure.UnavailableException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handlers {@link HttpServer} registers: tokenmint's own failures, Javalin's HTTP
 * errors (unknown routes, bodies over the limit, a body not labelled JSON), bodies that did not
 * arrive whole, callers over a rate limit, and anything else, which is a bug: answered 500 {@code
 * INTERNAL} with a fixed message quoting the request id, logged under that id.
 */
public final class ErrorMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private final long maxBodyBytes;
  private final Duration requestReadTimeout;

  /**
   * A mapper that names {@code maxBodyBytes} when a body is too large, and {@code
   * requestReadTimeout} when a request did not arrive in time.
   */
  public ErrorMapper(long maxBodyBytes, Duration requestReadTimeout) {
    this.maxBodyBytes = maxBodyBytes;
    this.requestReadTimeout = requestReadTimeout;
  }

  /** Answers one of tokenmint's own failures. */
  public void onFailure(TokenmintException failure, Context ctx) {
    if (failure instanceof UnavailableException && failure.getCause() != null) {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), failure.getMessage(), failure.getCause());
    }
    Envelopes.failure(
        ctx,
        ApiStatus.of(failure.kind()),
        Remedies.advised(failure.getMessage(), failure.remedy()));
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
    Envelopes.failure(ctx, ApiStatus.ofHttpCode(code), message, code);
  }

  /** Answers a refusal on an OAuth route in RFC 6749 §5.2's shape. */
  public void onOAuthError(OAuthError failure, Context ctx) {
    Envelopes.oauth(ctx, failure.status(), failure.error(), failure.getMessage());
  }

  /**
   * Answers a request whose body did not arrive whole. No case is a bug, so none is logged as one:
   * one line at INFO, no stack trace. Too slow: 408, and the connection closes (the rest of the
   * body may still be on its way). Ended early (mostly a client that closed the connection): 499,
   * nginx's and Javalin's code for a client that closed first, so the metrics count it as a client
   * error apart from invalid requests; usually nobody reads the answer. Busy: the bodies being
   * received fill the memory set aside for them; 503, retry in a second.
   */
  public void onBodyNotReceived(BodyNotReceived failure, Context ctx) {
    switch (failure.reason()) {
      case TOO_SLOW -> {
        LOG.info(
            "{} {}: the request was not received within {}",
            ctx.method(),
            ctx.path(),
            seconds(requestReadTimeout));
        ctx.header("Connection", "close");
        Envelopes.failure(
            ctx, ApiStatus.RESOURCE_EXHAUSTED, notReceivedWithin(requestReadTimeout), 408);
      }
      case ENDED_EARLY -> {
        LOG.info(
            "{} {}: the request body ended early (the client went away or broke the chunked"
                + " encoding)",
            ctx.method(),
            ctx.path());
        Envelopes.failure(
            ctx,
            ApiStatus.INVALID_ARGUMENT,
            "the request body ended before its declared end (connection closed or chunked"
                + " encoding broken)",
            CLIENT_CLOSED_REQUEST);
      }
      case BUSY -> {
        LOG.info(
            "{} {}: refused, the request bodies being received fill their memory",
            ctx.method(),
            ctx.path());
        ctx.header("Retry-After", "1");
        ctx.header("Connection", "close");
        Envelopes.failure(
            ctx,
            ApiStatus.UNAVAILABLE,
            "the server is receiving too many request bodies at once; retry in a second");
      }
    }
  }

  /**
   * Answers a caller over a rate limit: 429 {@code RESOURCE_EXHAUSTED} naming the limit, with
   * {@code Retry-After} in whole seconds. Not logged: a refusal is the limit working, and a
   * spraying client would flood the log; {@code /metrics} counts them.
   */
  public void onRateLimited(RateLimited failure, Context ctx) {
    ctx.header("Retry-After", Long.toString(failure.retryAfterSeconds()));
    Envelopes.failure(ctx, ApiStatus.RESOURCE_EXHAUSTED, failure.getMessage(), TOO_MANY_REQUESTS);
  }

  /** RFC 6585's status for a client over a rate limit. */
  static final int TOO_MANY_REQUESTS = 429;

  /** Not an IANA status: nginx's, which Javalin uses too, for a client that closed first. */
  static final int CLIENT_CLOSED_REQUEST = 499;

  /** The 408 message, naming the deadline. */
  static String notReceivedWithin(Duration timeout) {
    return "the request was not received within "
        + seconds(timeout)
        + " of its first byte; send the whole request at once";
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /**
   * Answers a bug: 500, asking the caller to quote the request id, which the failure is logged
   * under (the MDC's {@code requestId}).
   */
  public void onUnexpected(Exception failure, Context ctx) {
    LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), failure);
    Envelopes.failure(
        ctx,
        ApiStatus.INTERNAL,
        "internal error; quote request id " + RequestIds.of(ctx) + " to the operator");
  }
}
