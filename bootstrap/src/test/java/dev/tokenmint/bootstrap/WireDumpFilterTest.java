package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class WireDumpFilterTest {

  private final LoggerContext context = new LoggerContext();
  private final WireDumpFilter filter = new WireDumpFilter();

  @Test
  void header_parser_debug_and_trace_are_dropped() {
    for (Level level : new Level[] {Level.TRACE, Level.DEBUG}) {
      assertThat(decide("org.eclipse.jetty.http.HttpParser", level)).isEqualTo(FilterReply.DENY);
      assertThat(decide("org.eclipse.jetty.http2.hpack.HpackDecoder", level))
          .isEqualTo(FilterReply.DENY);
    }
  }

  @Test
  void header_parser_warnings_and_other_loggers_debug_pass() {
    assertThat(decide("org.eclipse.jetty.http.HttpParser", Level.INFO))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("org.eclipse.jetty.http.HttpParser", Level.WARN))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("org.eclipse.jetty.server.HttpChannel", Level.DEBUG))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("dev.tokenmint.adapter.http.error.ErrorMapper", Level.TRACE))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(String logger, Level level) {
    return filter.decide(null, context.getLogger(logger), level, "{}", new Object[] {"x"}, null);
  }
}
