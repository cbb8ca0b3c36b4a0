package dev.tokenmint.adapter.http.auth;

import dev.tokenmint.application.port.in.Authenticate;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Reads the caller's credentials from either header pair: Velt's {@code x-velt-api-key} + {@code
 * x-velt-auth-token}, or {@code x-api-key} + {@code Authorization: Bearer <auth token>}.
 */
public final class Callers {

  private static final String BEARER = "bearer ";

  /** Where a request keeps its authenticated caller, for the access log. */
  private static final String AUTHENTICATED = Callers.class.getName();

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
    ctx.attribute(AUTHENTICATED, caller);
    return caller;
  }

  /** The caller {@link #of} authenticated for the request {@code ctx} serves, if it did. */
  public static Optional<Caller> authenticated(Context ctx) {
    return ctx.attribute(AUTHENTICATED) instanceof Caller caller
        ? Optional.of(caller)
        : Optional.empty();
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
