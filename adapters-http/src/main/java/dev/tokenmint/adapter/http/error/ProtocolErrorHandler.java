package dev.tokenmint.adapter.http.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenmint.adapter.http.requestid.RequestIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Jetty's error handler for the requests it refuses before any route sees them: a malformed request
 * line, a bad or missing {@code Host}, conflicting framing headers, a request line or headers over
 * the limit. Jetty's status is kept; the body is the envelope of the path's dialect with a fixed
 * message for that status (Jetty's own reason is not repeated: it is written for Jetty's
 * developers, and may quote the request). Without it Jetty answers with an HTML page. The answer
 * carries a request id, a new one ({@link RequestIds#ofRefused}).
 */
public final class ProtocolErrorHandler implements Request.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrorHandler.class);

  private final ObjectMapper mapper;
  private final int headerLimitBytes;
  private final Duration requestReadTimeout;

  /**
   * A handler writing with {@code mapper}, naming {@code headerLimitBytes} on 414 and 431 and
   * {@code requestReadTimeout} on 408.
   */
  public ProtocolErrorHandler(
      ObjectMapper mapper, int headerLimitBytes, Duration requestReadTimeout) {
    this.mapper = mapper;
    this.headerLimitBytes = headerLimitBytes;
    this.requestReadTimeout = requestReadTimeout;
  }

  /**
   * Whole HTTP/1.1 responses for {@code code} in the Velt envelope, announcing that the connection
   * closes, each with a new request id: for a connection on which Jetty has no request to answer (a
   * head still arriving), so the path, and with it the dialect, is unknown.
   */
  public Supplier<byte[]> closingAnswer(int code) {
    return () -> closingAnswer(code, RequestIds.generate());
  }

  private byte[] closingAnswer(int code, String requestId) {
    byte[] body;
    try {
      body =
          mapper.writeValueAsBytes(
              Envelopes.failure("", ApiStatus.ofHttpCode(code), message(code), requestId));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the envelope of HTTP " + code + " cannot be written", e);
    }
    byte[] head =
        ("HTTP/1.1 "
                + code
                + " "
                + HttpStatus.getMessage(code)
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Cache-Control: no-store\r\n"
                + RequestIds.HEADER
                + ": "
                + requestId
                + "\r\n"
                + "Connection: close\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] answer = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, answer, head.length, body.length);
    return answer;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback)
      throws JsonProcessingException {
    int code = response.getStatus();
    String requestId = RequestIds.ofRefused(request);
    MDC.put(RequestIds.MDC_KEY, requestId);
    try {
      // Anyone can send these, so one DEBUG line at most: at WARN they would flood the log.
      LOG.debug(
          "refused a request Jetty could not read: HTTP {} ({})",
          code,
          request.getAttribute(ErrorHandler.ERROR_MESSAGE));
    } finally {
      MDC.remove(RequestIds.MDC_KEY);
    }
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    Record body =
        Envelopes.failure(
            path == null ? "" : path, ApiStatus.ofHttpCode(code), message(code), requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(RequestIds.HEADER, requestId);
    response.write(true, ByteBuffer.wrap(mapper.writeValueAsBytes(body)), callback);
    return true;
  }

  private String message(int code) {
    return switch (code) {
      case 400 ->
          "malformed HTTP request: check the request line, the Host header and the"
              + " Content-Length or Transfer-Encoding header";
      case 408 -> ErrorMapper.notReceivedWithin(requestReadTimeout);
      case 413 -> "the request is larger than the limit";
      case 414 -> "the request line is longer than the limit of " + headerLimitBytes + " bytes";
      case 431 -> "the request headers are larger than the limit of " + headerLimitBytes + " bytes";
      case 501 -> "the request uses a method or transfer coding this server does not implement";
      case 505 -> "HTTP version not supported; send HTTP/1.1";
      case 503 -> "the server is not available; retry later";
      default ->
          code >= 500 ? "internal error" : "the request could not be served (HTTP " + code + ")";
    };
  }

  @Override
  public InvocationType getInvocationType() {
    // writes asynchronously and never blocks: Jetty may run it on a selector thread
    return InvocationType.NON_BLOCKING;
  }
}
