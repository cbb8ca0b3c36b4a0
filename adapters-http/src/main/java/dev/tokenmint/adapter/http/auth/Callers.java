package dev.tokenmint.adapter.http.auth;

import dev.tokenmint.adapter.http.error.OAuthError;
import dev.tokenmint.adapter.http.limit.RateLimiter;
import dev.tokenmint.adapter.http.requestid.RequestIds;
import dev.tokenmint.application.port.in.Authenticate;
import dev.tokenmint.domain.failure.UnauthenticatedException;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Reads the caller's credentials from either header pair: Velt's {@code x-velt-api-key} + {@code
 * x-velt-auth-token}, or {@code x-api-key} + {@code Authorization: Bearer <auth token>}, within the
 * rate limits: every route that takes a credential comes through here, and no other. The caller
 * carries the request's id, so that audit events name the request that made them. Credentials are
 * checked by {@code authenticate}, attempts counted by {@code limiter}.
 */
public record Callers(Authenticate authenticate, RateLimiter limiter) {

  private static final String BEARER = "bearer ";
  private static final String BASIC = "basic ";

  /** Where a request keeps its authenticated caller, for the access log. */
  private static final String AUTHENTICATED = Callers.class.getName();

  /**
   * The authenticated caller of the request.
   *
   * @throws UnauthenticatedException when the credentials are missing or wrong
   * @throws dev.tokenmint.adapter.http.limit.RateLimited when the client address has failed to
   *     authenticate too often, or the credential is over its rate limit
   */
  public Caller of(Context ctx) {
    Optional<String> apiKey = header(ctx, "x-velt-api-key").or(() -> header(ctx, "x-api-key"));
    Optional<String> authToken = header(ctx, "x-velt-auth-token").or(() -> bearer(ctx));
    return authenticated(ctx, apiKey, authToken);
  }

  /**
   * The authenticated caller of a request to an OAuth route: the API key and auth token as an OAuth
   * client's id and secret in HTTP Basic (RFC 6749 §2.3.1: each form-urlencoded, then joined by a
   * colon and Base64-encoded), or either header pair as {@link #of} reads them.
   *
   * @throws UnauthenticatedException when the credentials are missing, malformed or wrong
   * @throws dev.tokenmint.adapter.http.error.OAuthError {@code invalid_request} when a request uses
   *     HTTP Basic and a header pair at once (RFC 6749 §2.3: one method per request)
   * @throws dev.tokenmint.adapter.http.limit.RateLimited as {@link #of}
   */
  public Caller ofClient(Context ctx) {
    Optional<String> basic =
        header(ctx, "Authorization")
            .filter(value -> value.regionMatches(true, 0, BASIC, 0, BASIC.length()))
            .map(value -> value.substring(BASIC.length()).trim());
    if (basic.isEmpty()) {
      return of(ctx);
    }
    if (header(ctx, "x-velt-api-key").isPresent() || header(ctx, "x-api-key").isPresent()) {
      throw OAuthError.badRequest(
          OAuthError.INVALID_REQUEST,
          "authenticate with one method: HTTP Basic or a header pair, not both");
    }
    Optional<String[]> pair = clientPair(basic.get());
    return authenticated(
        ctx,
        pair.map(p -> p[0]).filter(v -> !v.isEmpty()),
        pair.map(p -> p[1]).filter(v -> !v.isEmpty()));
  }

  /** The client id and secret of HTTP Basic credentials, when they decode. */
  private static Optional<String[]> clientPair(String credentials) {
    try {
      String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new String[] {
            URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
          });
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not Base64, or a broken %-escape: no credentials at all
    }
  }

  private Caller authenticated(Context ctx, Optional<String> apiKey, Optional<String> authToken) {
    String client = ctx.req().getRemoteAddr();
    limiter.checkClient(client);
    Caller authenticated;
    try {
      authenticated = authenticate.authenticate(apiKey, authToken);
    } catch (UnauthenticatedException e) {
      limiter.failedFrom(client);
      throw e;
    }
    limiter.admit(authenticated);
    Caller caller = requestId().map(authenticated::withRequestId).orElse(authenticated);
    ctx.attribute(AUTHENTICATED, caller);
    return caller;
  }

  /** The caller {@link #of} authenticated for the request {@code ctx} serves, if it did. */
  public static Optional<Caller> authenticated(Context ctx) {
    return ctx.attribute(AUTHENTICATED) instanceof Caller caller
        ? Optional.of(caller)
        : Optional.empty();
  }

  /**
   * The id of the request being served: what the logging context holds under {@value
   * RequestIds#MDC_KEY} while it is served. Absent when nothing is set, or when the value is not
   * well formed, rather than failing the request for it.
   */
  private static Optional<String> requestId() {
    return Optional.ofNullable(MDC.get(RequestIds.MDC_KEY)).filter(Caller::isRequestId);
  }

  private static Optional<String> bearer(Context ctx) {
    return header(ctx, "Authorization")
        .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(value -> value.substring(BEARER.length()).trim());
  }

  private static Optional<String> header(Context ctx, String name) {
    return Optional.ofNullable(ctx.header(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
