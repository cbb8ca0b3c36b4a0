package dev.tokenmint.adapter.http.requestid;

import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is 1 to 128 characters of
 * {@code [A-Za-z0-9._:-]}, else a new one. The answer carries it in the same header, failure
 * envelopes in {@code requestId}, and every log line written while the request is served in the MDC
 * key {@code requestId}.
 *
 * <p>A Jetty handler rather than a Javalin {@code before}: it wraps the whole of Javalin's work on
 * the request (routes, exception handlers and the request logger, all on the thread that calls it),
 * so the MDC can be set before any of it and cleared after all of it. It is the innermost handler,
 * below the read deadlines: Jetty calls it once the body has arrived, on the thread that then
 * serves the request, which is the thread the MDC must be on. Requests Jetty answers itself
 * (malformed ones, a head past its deadline) get a new id ({@link #ofRefused}, {@link #generate}).
 */
public final class RequestIds extends Handler.Wrapper {

  /** The request and response header. */
  public static final String HEADER = "X-Request-Id";

  /** The SLF4J MDC key log lines carry the id under. */
  public static final String MDC_KEY = "requestId";

  /** Where a request keeps its id once chosen, so that every part of the answer uses the same. */
  private static final String ATTRIBUTE = RequestIds.class.getName();

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String id = of(request);
    response.getHeaders().put(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      return super.handle(request, response, callback);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /** The id of {@code request}: the one chosen for it already, else chosen now and kept. */
  public static String of(Request request) {
    if (request.getAttribute(ATTRIBUTE) instanceof String id) {
      return id;
    }
    String offered = request.getHeaders().get(HEADER);
    // A caller's id is kept when it is one a Caller may carry: 1 to 128 of A-Z a-z 0-9 . _ : -,
    // enough for UUIDs, W3C trace ids and most gateways' ids, and nothing that could break a log
    // line or a header (no space, quote, comma, control or non-ASCII character).
    String id = Caller.isRequestId(offered) ? offered : generate();
    request.setAttribute(ATTRIBUTE, id);
    return id;
  }

  /**
   * The id of a request Jetty refused as malformed: the one chosen for it already, if it got that
   * far (a route failed in a way only Jetty could answer), else a new one. Never the caller's
   * header: Jetty has not read the headers of a request it could not parse, or not all of them.
   */
  public static String ofRefused(Request request) {
    return request.getAttribute(ATTRIBUTE) instanceof String id ? id : generate();
  }

  /** The id {@link RequestIds} chose for the request {@code ctx} serves. */
  public static String of(Context ctx) {
    if (ctx.attribute(ATTRIBUTE) instanceof String id) {
      return id;
    }
    // Only a server built without this handler gets here; an id of its own keeps the answer whole.
    String id = generate();
    ctx.attribute(ATTRIBUTE, id);
    return id;
  }

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * A new id, for an answer to no request Jetty could read: 16 random bytes in base64url: 22
   * characters. From {@link ThreadLocalRandom}, not {@code SecureRandom}: an id correlates log
   * lines and answers and authorizes nothing, so it needs to be unique, not unpredictable, and it
   * is made on every request without an id of its own.
   */
  public static String generate() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }
}
