package dev.tokenmint.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the debug and trace events of the HTTP header parsers: they print every request header with
 * its value, the callers' auth tokens ({@code x-velt-auth-token}, {@code Authorization}) among
 * them, and no secret may reach a log (docs/operations.md). {@code logback.xml} installs it ahead
 * of every logger, so it holds even when an operator turns Jetty up to DEBUG or TRACE.
 */
public final class WireDumpFilter extends TurboFilter {

  /** The loggers that print header values below INFO: HTTP/1.1, HPACK (HTTP/2), QPACK (HTTP/3). */
  static final List<String> HEADER_LOGGERS =
      List.of(
          "org.eclipse.jetty.http.HttpParser",
          "org.eclipse.jetty.http2.hpack",
          "org.eclipse.jetty.http3.qpack");

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || level.isGreaterOrEqual(Level.INFO)) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    for (String headerLogger : HEADER_LOGGERS) {
      if (name.startsWith(headerLogger)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
