package dev.tokenmint.adapter.http.accesslog;

import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.metrics.MetricsHandler;
import io.javalin.http.Context;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The access log: one INFO line per request answered, from the logger {@code tokenmint.access} (off
 * unless {@code TOKENMINT_ACCESS_LOG=true}, docs/operations.md). It names the method, the route
 * template (as {@code /metrics} does: never the path with its ids), the status, the duration in
 * milliseconds and, when the caller authenticated, the workspace's API key; the request id is the
 * line's MDC, as on every line logged while serving. Never a header value, a body or a token. The
 * message says it all for the text format; the same values are key-value pairs, fields of their own
 * in the JSON format.
 */
public final class AccessLog {

  /** The logger's name, the operator's switch: set it to INFO to log requests, OFF not to. */
  public static final String LOGGER = "tokenmint.access";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  /** Logs the request {@code ctx} answered in {@code milliseconds}, if the logger is on. */
  public void record(Context ctx, Float milliseconds) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String method = ctx.method().name();
    String route = MetricsHandler.route(ctx);
    int status = ctx.statusCode();
    double millis = Math.round(milliseconds * 100.0) / 100.0;
    Optional<String> workspace =
        Callers.authenticated(ctx).map(caller -> caller.workspace().apiKey());
    LoggingEventBuilder line =
        LOG.atInfo()
            .addKeyValue("method", method)
            .addKeyValue("route", route)
            .addKeyValue("status", status)
            .addKeyValue("durationMs", millis);
    workspace.ifPresent(apiKey -> line.addKeyValue("workspace", apiKey));
    line.log(
        "{} {} {} {} ms{}",
        method,
        route,
        status,
        millis,
        workspace.map(apiKey -> " workspace " + apiKey).orElse(""));
  }
}
