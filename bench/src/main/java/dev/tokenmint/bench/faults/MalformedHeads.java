package dev.tokenmint.bench.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Malformed and oversized request heads, each on a connection of its own, beside normal traffic:
 * each must be answered 4xx (a few harmless oddities may be served, never 5xx), in a body that
 * names no internals, and the server must go on serving.
 */
final class MalformedHeads {

  private static final String MINT = "/v2/auth/generate_token";
  private static final int READ_TIMEOUT_MILLIS = 15_000;

  /** What an answer's body must never show. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          "Exception|\\tat |org\\.eclipse|io\\.javalin|dev\\.tokenmint|<html",
          Pattern.CASE_INSENSITIVE);

  private MalformedHeads() {}

  /** What a case may be answered with. */
  enum Expect {
    /** A 4xx answer. */
    CLIENT_ERROR,
    /** Anything but 5xx: harmless input a lenient server may serve. */
    NO_SERVER_ERROR,
    /**
     * A 4xx, or 505: the status RFC 9110 (15.6.6) gives a request in an HTTP version the server
     * does not speak. Its number makes it a 5xx; its meaning is a client error, and it names no
     * failure of the server.
     */
    VERSION_REFUSED
  }

  record Case(String name, byte[] request, Expect expect) {
    static Case of(String name, String request, Expect expect) {
      return new Case(name, request.getBytes(StandardCharsets.ISO_8859_1), expect);
    }

    static Case of(String name, String request) {
      return of(name, request, Expect.CLIENT_ERROR);
    }
  }

  /** Every case, with the credential for those that need one to reach a route. */
  static List<Case> cases(String apiKey, String authToken) {
    String auth = "x-velt-api-key: " + apiKey + "\r\nx-velt-auth-token: " + authToken + "\r\n";
    String post =
        "POST " + MINT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + auth;
    String body = "{\"userId\":\"u\"}";
    List<Case> cases = new ArrayList<>();
    // oversized
    cases.add(
        Case.of(
            "header value of 100 KiB",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(100 * 1024)
                + "\r\n\r\n"));
    cases.add(
        Case.of(
            "header value of 1 MiB",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(1024 * 1024)
                + "\r\n\r\n"));
    cases.add(
        Case.of(
            "10 000 headers",
            "GET /health/live HTTP/1.1\r\nHost: x\r\n" + "X-H: v\r\n".repeat(10_000) + "\r\n"));
    cases.add(
        Case.of(
            "1 500 tiny headers, within 8 KiB",
            "GET /health/live HTTP/1.1\r\nHost: x\r\n" + "a:1\r\n".repeat(1_500) + "\r\n",
            Expect.NO_SERVER_ERROR));
    cases.add(
        Case.of(
            "request target of 100 KiB",
            "GET /" + "a".repeat(100 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of(
            "query of 100 KiB",
            "GET /health/live?" + "q=1&".repeat(25 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of("method of 10 KiB", "A".repeat(10 * 1024) + " / HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of(
            "auth token of 7 KiB",
            "POST "
                + MINT
                + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nx-velt-api-key: "
                + apiKey
                + "\r\nx-velt-auth-token: "
                + "t".repeat(7 * 1024)
                + "\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body));
    cases.add(
        Case.of("Content-Length of 1 GB, no body", post + "Content-Length: 1000000000\r\n\r\n"));
    cases.add(
        Case.of(
            "Content-Length beyond 64 bits",
            post + "Content-Length: 99999999999999999999999\r\n\r\n"));
    cases.add(
        Case.of(
            "100-continue with 1 GB",
            post + "Expect: 100-continue\r\nContent-Length: 1000000000\r\n\r\n"));
    cases.add(
        Case.of(
            "trailer of 100 KiB",
            post
                + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length())
                + "\r\n"
                + body
                + "\r\n0\r\nX-Trailer: "
                + "t".repeat(100 * 1024)
                + "\r\n\r\n"));
    cases.add(
        Case.of(
            "chunk extension of 100 KiB",
            post
                + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length())
                + ";ext="
                + "e".repeat(100 * 1024)
                + "\r\n"
                + body
                + "\r\n0\r\n\r\n"));
    // bad request lines
    cases.add(Case.of("request line without target", "GET\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of("request line with a fourth word", "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n"));
    cases.add(Case.of("method with a bad character", "G@T / HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(Case.of("request line starting with a space", " / HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(Case.of("HTTP/0.9 request", "GET /\r\n\r\n", Expect.VERSION_REFUSED));
    cases.add(
        Case.of(
            "version HTTP/2.0 in text",
            "GET / HTTP/2.0\r\nHost: x\r\n\r\n",
            Expect.VERSION_REFUSED));
    cases.add(
        Case.of("version HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", Expect.VERSION_REFUSED));
    cases.add(
        Case.of("version HTTP/3.0", "GET / HTTP/3.0\r\nHost: x\r\n\r\n", Expect.VERSION_REFUSED));
    cases.add(
        Case.of(
            "version in lower case",
            "GET /health/live http/1.1\r\nHost: x\r\n\r\n",
            Expect.NO_SERVER_ERROR));
    cases.add(Case.of("HTTP/2 preface on HTTP/1.1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
    cases.add(
        Case.of(
            "TLS ClientHello on plain HTTP",
            "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003"
                + "\u0000".repeat(32)
                + "\r\n\r\n"));
    cases.add(Case.of("NUL in the target", "GET /health\u0000live HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of("encoded NUL in the target", "GET /health%00live HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of(
            "invalid UTF-8 in the target", "GET /health/\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(Case.of("bad percent-encoding", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of(
            "bad percent-encoding in the query",
            "GET /health/live?a=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            Expect.NO_SERVER_ERROR));
    cases.add(
        Case.of(
            "encoded dot segments above the root",
            "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of(
            "absolute-form target of another host",
            "GET http://other.example/health/live HTTP/1.1\r\nHost: x\r\n\r\n",
            Expect.NO_SERVER_ERROR));
    cases.add(
        Case.of("CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
    cases.add(Case.of("TRACE", "TRACE / HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of("unknown method on a JSON route", "BREW " + MINT + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    cases.add(
        Case.of(
            "bare LF line ends", "GET /health/live HTTP/1.1\nHost: x\n\n", Expect.NO_SERVER_ERROR));
    cases.add(Case.of("bare CR line ends", "GET /health/live HTTP/1.1\rHost: x\r\r"));
    // bad headers
    cases.add(
        Case.of(
            "header without a colon", "GET /health/live HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n"));
    cases.add(Case.of("space before the colon", "GET /health/live HTTP/1.1\r\nHost : x\r\n\r\n"));
    cases.add(
        Case.of(
            "obsolete line folding",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n"));
    cases.add(
        Case.of(
            "NUL in a header value",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n"));
    cases.add(
        Case.of(
            "control character in a header name",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-\u0001: a\r\n\r\n"));
    cases.add(
        Case.of(
            "bytes 0x80-0xff in a header value",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Latin: \u00e9\u00ff\r\n\r\n",
            Expect.NO_SERVER_ERROR));
    cases.add(Case.of("no Host", "GET /health/live HTTP/1.1\r\n\r\n"));
    cases.add(Case.of("two Hosts", "GET /health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
    cases.add(
        Case.of("Host with a bad character", "GET /health/live HTTP/1.1\r\nHost: a b\r\n\r\n"));
    cases.add(
        Case.of("Host with a bad port", "GET /health/live HTTP/1.1\r\nHost: x:99999999\r\n\r\n"));
    cases.add(
        Case.of(
            "Expect other than 100-continue",
            post + "Expect: teapot\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
    cases.add(
        Case.of(
            "Content-Type JSON with a bogus charset",
            "POST "
                + MINT
                + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=bogus-1\r\n"
                + auth
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body));
    // framing
    cases.add(
        Case.of(
            "Content-Length with Transfer-Encoding",
            post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "Transfer-Encoding before Content-Length",
            post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "two different Content-Lengths",
            post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{\"a\":1}"));
    cases.add(Case.of("Content-Length list", post + "Content-Length: 5, 6\r\n\r\n{\"a\":1}"));
    cases.add(Case.of("Content-Length not a number", post + "Content-Length: 5x\r\n\r\n{\"a\"}"));
    cases.add(Case.of("negative Content-Length", post + "Content-Length: -1\r\n\r\n"));
    cases.add(Case.of("Content-Length with a plus", post + "Content-Length: +5\r\n\r\n{\"a\"}"));
    cases.add(Case.of("Transfer-Encoding gzip", post + "Transfer-Encoding: gzip\r\n\r\n"));
    cases.add(
        Case.of(
            "Transfer-Encoding chunked, identity",
            post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "Transfer-Encoding chunked twice",
            post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "Transfer-Encoding with a space in the name",
            post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "chunked on HTTP/1.0",
            post.replace("HTTP/1.1", "HTTP/1.0") + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "chunk size beyond 64 bits",
            post + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "chunk size not hex",
            post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "chunk longer than declared",
            post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{\"userId\":\"u\"}\r\n0\r\n\r\n"));
    cases.add(
        Case.of(
            "body longer than Content-Length, then garbage",
            post + "Content-Length: 2\r\n\r\n{}GARBAGE / HTTP/1.1\r\n\r\n"));
    cases.add(
        Case.of(
            "smuggled second request in the body",
            post
                + "Content-Length: "
                + body.length()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n"));
    // random bytes
    Random random = new Random(9); // fixed: a run is repeatable
    for (int i = 0; i < 20; i++) {
      StringBuilder noise = new StringBuilder();
      int length = 1 + random.nextInt(2048);
      for (int b = 0; b < length; b++) {
        noise.append((char) random.nextInt(256));
      }
      cases.add(Case.of("random bytes #" + (i + 1), noise + "\r\n\r\n"));
    }
    return cases;
  }

  /**
   * {@code malformed PORT API_KEY AUTH_TOKEN}: every case, normal traffic alongside, and a health
   * check on a new connection after each.
   */
  static int run(List<String> args) throws Exception {
    int port = Integer.parseInt(args.get(0));
    String apiKey = args.get(1);
    String authToken = args.get(2);
    List<Case> cases = cases(apiKey, authToken);
    List<String> wrong = new ArrayList<>();
    int clientErrors = 0;
    int versionsRefused = 0;
    int served = 0;
    int closedSilently = 0;
    Latencies normal;
    try (NormalTraffic traffic = NormalTraffic.start(port, apiKey, authToken)) {
      for (Case c : cases) {
        String answer;
        try {
          answer = exchange(port, c.request());
        } catch (SocketTimeoutException e) {
          wrong.add(c.name() + ": no answer within " + READ_TIMEOUT_MILLIS / 1000 + " s");
          continue;
        }
        int status = status(answer);
        if (status == 0) {
          closedSilently++;
          wrong.add(c.name() + ": the connection closed without an answer");
        } else if (status == 505 && c.expect() == Expect.VERSION_REFUSED) {
          versionsRefused++;
        } else if (status >= 500) {
          wrong.add(c.name() + ": " + firstLine(answer));
        } else if (status < 400 && c.expect() == Expect.CLIENT_ERROR) {
          wrong.add(c.name() + ": served (" + firstLine(answer) + ")");
        } else if (INTERNALS.matcher(answer).find()) {
          wrong.add(c.name() + ": the answer shows internals: " + answer.replace("\r\n", " "));
        } else {
          clientErrors += status >= 400 ? 1 : 0;
          served += status < 400 ? 1 : 0;
        }
        String live =
            exchange(
                port,
                "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        if (status(live) != 200) {
          wrong.add("after " + c.name() + ": /health/live answered " + firstLine(live));
        }
      }
      normal = traffic.latencies();
    }
    boolean ok = wrong.isEmpty() && normal.errors() == 0;
    System.out.printf(
        "%s %d malformed or oversized heads: %d answered 4xx, %d unsupported versions 505, %d"
            + " harmless ones served, %d closed without an answer, %d wrong; normal requests"
            + " meanwhile: %s%s%n",
        ok ? "ok" : "FAIL",
        cases.size(),
        clientErrors,
        versionsRefused,
        served,
        closedSilently,
        wrong.size(),
        normal.summary(),
        wrong.isEmpty() ? "" : "; " + String.join("; ", wrong));
    return ok ? 0 : 1;
  }

  /**
   * Sends {@code request} on a new connection and reads what comes back until the server closes the
   * connection or the first answer after any 1xx is complete.
   */
  static String exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server answered and closed before taking it all: read what it said
      }
      return read(socket.getInputStream());
    }
  }

  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        answer.write(buffer, 0, n);
        if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (IOException e) {
      if (e instanceof SocketTimeoutException && answer.size() == 0) {
        throw e;
      }
      // reset after the answer: what arrived is the answer
    }
    return answer.toString(StandardCharsets.ISO_8859_1);
  }

  /** A final (non-1xx) answer whose body, as long as its Content-Length, has arrived. */
  private static boolean complete(String text) {
    int start = 0;
    while (text.startsWith("HTTP/1.1 1", start)) {
      int end = text.indexOf("\r\n\r\n", start);
      if (end < 0) {
        return false;
      }
      start = end + 4;
    }
    int headEnd = text.indexOf("\r\n\r\n", start);
    if (headEnd < 0) {
      return false;
    }
    String head = text.substring(start, headEnd).toLowerCase(Locale.ROOT);
    int at = head.indexOf("content-length:");
    if (at < 0) {
      return false; // until the server closes
    }
    int lineEnd = head.indexOf("\r\n", at);
    long length =
        Long.parseLong(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
    return text.length() - (headEnd + 4) >= length;
  }

  /** The status of the final answer (after any 1xx), 0 when there is none. */
  static int status(String answer) {
    int start = 0;
    while (answer.startsWith("HTTP/1.1 1", start) && answer.indexOf("\r\n\r\n", start) > 0) {
      start = answer.indexOf("\r\n\r\n", start) + 4;
    }
    if (!answer.startsWith("HTTP/1.", start) || answer.length() < start + 12) {
      return 0;
    }
    return Integer.parseInt(answer.substring(start + 9, start + 12));
  }

  private static String firstLine(String answer) {
    int end = answer.indexOf("\r\n");
    return end < 0 ? answer : answer.substring(0, end);
  }
}
