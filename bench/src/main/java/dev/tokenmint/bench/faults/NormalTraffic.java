package dev.tokenmint.bench.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Well-behaved callers beside a fault: generate_token every {@link #PACE}, on a kept-alive
 * connection and on a new connection each time, each answer timed; a non-200 answer, a refused or
 * dropped connection and a request past {@link #TIMEOUT} are errors.
 */
final class NormalTraffic implements AutoCloseable {

  static final Duration PACE = Duration.ofMillis(20);
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String MINT = "/v2/auth/generate_token";
  private static final String BODY = "{\"userId\":\"normal\"}";

  private final Latencies latencies = new Latencies();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();

  private NormalTraffic() {}

  /** Starts calling the instance on {@code port} with the credential. */
  static NormalTraffic start(int port, String apiKey, String authToken) {
    NormalTraffic traffic = new NormalTraffic();
    Client keptAlive = new Client(port, apiKey, authToken, TIMEOUT);
    traffic.loop(
        () -> {
          Client.Answer answer = keptAlive.post(MINT, BODY);
          return answer.status() == 200 ? null : Crash.oneLine(answer);
        });
    byte[] request =
        ("POST "
                + MINT
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nx-velt-api-key: "
                + apiKey
                + "\r\n"
                + "x-velt-auth-token: "
                + authToken
                + "\r\nContent-Length: "
                + BODY.length()
                + "\r\n\r\n"
                + BODY)
            .getBytes(StandardCharsets.US_ASCII);
    traffic.loop(
        () -> {
          try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(request);
            String status = statusLine(socket.getInputStream());
            return status.startsWith("HTTP/1.1 200 ") ? null : "new connection: " + status;
          }
        });
    return traffic;
  }

  /** The latencies and errors so far. */
  Latencies latencies() {
    return latencies;
  }

  @FunctionalInterface
  private interface Request {
    /** Null when the answer was right, else what was wrong. */
    String send() throws Exception;
  }

  private void loop(Request request) {
    Thread thread =
        new Thread(
            () -> {
              long next = System.nanoTime();
              while (running.get()) {
                long start = System.nanoTime();
                try {
                  String wrong = request.send();
                  if (wrong == null) {
                    latencies.answered(start);
                  } else {
                    latencies.failed(wrong);
                  }
                } catch (Exception e) {
                  latencies.failed(e.toString());
                }
                next += PACE.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                  } catch (InterruptedException e) {
                    return;
                  }
                } else {
                  next = System.nanoTime(); // behind: no burst to catch up
                }
              }
            });
    thread.start();
    threads.add(thread);
  }

  /** Reads the whole answer of a {@code Connection: close} exchange; returns its status line. */
  static String statusLine(InputStream in) throws IOException {
    String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    int end = answer.indexOf("\r\n");
    return end < 0 ? "no answer" : answer.substring(0, end);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
