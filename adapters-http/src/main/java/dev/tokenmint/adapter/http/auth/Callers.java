package dev.tokenmint.adapter.http.auth;

import dev.tokenmint.application.port.in.Authenticate;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Reads the caller's credentials from either header pair: Velt's {@code x-velt-api-key} + {@code
 * x-velt-auth-token}, or {@code x-api-key} + {@code Authorization: Bearer <auth token>}; the caller
 * carries the request's id, so that audit events name the request that made them.
 */
public final class Callers {

  private static final String BEARER = "bearer ";

  /** The logging context key of the request id. */
  static final String REQUEST_ID = "requestId";

  private final Authenticate authenticate;

  /** Callers authenticated by {@code authenticate}. */
  public Callers(Authenticate authenticate) {
    this.authenticate = authenticate;
  }

  /**
   * The authenticated caller of the request.
   *
   * @throws dev.tokenmint.domain.failure.UnauthenticatedException when the credentials are
   *     missing or wrong
   */
  public Caller of(Context ctx) {
    Optional<String> apiKey = header(ctx, "x-velt-api-key").or(() -> header(ctx, "x-api-key"));
    Optional<String> authToken = header(ctx, "x-velt-auth-token").or(() -> bearer(ctx));
    Caller caller = authenticate.authenticate(apiKey, authToken);
    return requestId().map(caller::withRequestId).orElse(caller);
  }

  /**
   * The id of the request being served: what the logging context holds under {@value #REQUEST_ID}
   * while it is served. Absent when nothing is set, or when the value is not well formed, rather
   * than failing the request for it.
   */
  private static Optional<String> requestId() {
    return Optional.ofNullable(MDC.get(REQUEST_ID)).filter(Caller::isRequestId);
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
