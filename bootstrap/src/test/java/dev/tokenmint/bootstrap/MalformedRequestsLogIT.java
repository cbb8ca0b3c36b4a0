package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Anyone can send garbage: a bad or repeated {@code Host}, a broken request line, conflicting
 * framing headers, a request line or headers over the limit. Under the shipped logging
 * configuration none of it reaches the log at WARN or above, however often it is sent; each is
 * still refused (400, 414, 431).
 */
class MalformedRequestsLogIT {

  static final List<String> GARBAGE =
      List.of(
          "GET /health/live HTTP/1.1\r\nHost: a b c\r\n\r\n",
          "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.2\r\n\r\n",
          "GET /health/live HTTP/1.1\r\n\r\n",
          "GARBAGE\r\n\r\n",
          "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n",
          "POST /v2/auth/generate_token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

  @Test
  void garbage_requests_are_refused_without_a_warning_in_the_log() {
    List<ILoggingEvent> events;
    try (CapturedLogs logs = CapturedLogs.asShipped();
        Tokenmint tokenmint = Tokenmint.start(settings(), Clock.systemUTC())) {
      int started = logs.events().size();
      for (int round = 0; round < 3; round++) {
        for (String request : GARBAGE) {
          assertThat(statusLine(tokenmint.port(), request))
              .as("answer to %s", request)
              .matches("HTTP/1\\.1 4(00|14|31) .*");
        }
      }
      List<ILoggingEvent> all = logs.events();
      events = all.subList(started, all.size());
    }

    assertThat(events)
        .as("events at WARN or above")
        .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(event -> event.getLoggerName() + ": " + event.getFormattedMessage())
        .isEmpty();
  }

  private static Settings settings() {
    return Settings.fromEnvironment(
        Map.of(
            "TOKENMINT_PORT", "0",
            "TOKENMINT_DATA_DIR", TestDirectories.fresh("garbage").toString(),
            "TOKENMINT_API_KEY", "tmk_garbage",
            "TOKENMINT_AUTH_TOKEN", "tmat_garbage_admin_5d1e8c2b7a9f3e6d4c0b"));
  }

  private static String statusLine(int port, String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
