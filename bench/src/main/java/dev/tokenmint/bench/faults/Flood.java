package dev.tokenmint.bench.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection flood: idle connections opened up to and past the server's file-descriptor limit and
 * held, then closed. Once FILLED of them are connected (the server's connection limit and more: the
 * kernel's queue is full of the flood), a patient new caller asks /health/live and must be answered
 * within {@link #NEW_CALLER_BOUND}, while the rest of the flood still arrives. Meanwhile a
 * kept-alive caller keeps minting; a new caller's health checks are counted while the flood is
 * held; after it, the server must serve new connections again within {@link #RECOVERY_BOUND}.
 */
final class Flood {

  static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
  static final Duration NEW_CALLER_BOUND = Duration.ofSeconds(10);
  private static final int PATIENCE_MILLIS = 60_000;
  private static final Duration HOLD = Duration.ofSeconds(10);
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  private static final byte[] LIVE =
      "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private Flood() {}

  /**
   * {@code flood PORT API_KEY AUTH_TOKEN CONNECTIONS FILLED}: opens up to CONNECTIONS idle
   * connections, times a new caller once FILLED are connected, holds them for 10 s, closes them.
   */
  static int run(List<String> args) throws Exception {
    int port = Integer.parseInt(args.get(0));
    String apiKey = args.get(1);
    String authToken = args.get(2);
    int connections = Integer.parseInt(args.get(3));
    int filled = Integer.parseInt(args.get(4));
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);

    Client keptAlive = new Client(port, apiKey, authToken, Duration.ofSeconds(10));
    mint(keptAlive, new Latencies()); // the kept-alive connection, opened before the flood
    Latencies kept = new Latencies();
    Latencies fresh = new Latencies();
    List<Socket> flood = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch full = new CountDownLatch(filled);
    ExecutorService openers = Executors.newFixedThreadPool(16);
    long recovered;
    long newCaller = -1;
    String newCallerAnswer = "the flood never filled the server";
    try {
      List<Future<?>> opening = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        opening.add(
            openers.submit(
                () -> {
                  Socket socket = new Socket();
                  try {
                    socket.connect(server, CONNECT_TIMEOUT_MILLIS);
                    flood.add(socket);
                    full.countDown();
                  } catch (IOException e) {
                    closeQuietly(socket);
                    refused.incrementAndGet();
                  }
                }));
      }
      if (full.await(120, TimeUnit.SECONDS)) {
        long start = System.nanoTime();
        newCallerAnswer = patientLive(server);
        newCaller = (System.nanoTime() - start) / 1_000_000;
      }
      for (Future<?> open : opening) {
        open.get();
      }
      long until = System.nanoTime() + HOLD.toNanos();
      while (System.nanoTime() < until) {
        mint(keptAlive, kept);
        long start = System.nanoTime();
        if (live(server)) {
          fresh.answered(start);
        } else {
          fresh.failed("no answer within 2 s");
        }
        Thread.sleep(200);
      }
    } finally {
      openers.shutdownNow();
      synchronized (flood) {
        flood.forEach(Flood::closeQuietly);
      }
    }
    long closed = System.nanoTime();
    recovered = -1;
    while (System.nanoTime() - closed < RECOVERY_BOUND.toNanos()) {
      if (live(server)) {
        recovered = (System.nanoTime() - closed) / 1_000_000;
        break;
      }
      Thread.sleep(50);
    }
    mint(keptAlive, kept);
    boolean newCallerServed =
        newCallerAnswer.startsWith("HTTP/1.1 200 ")
            && newCaller >= 0
            && newCaller < NEW_CALLER_BOUND.toMillis();
    boolean ok = newCallerServed && recovered >= 0 && kept.errors() == 0 && fresh.errors() == 0;
    System.out.printf(
        "%s a new caller once %d flood connections were in: %s; %d idle connections opened, %d"
            + " not (refused or timed out after %d ms); held %d s: health checks on new"
            + " connections %s; the kept-alive caller %s; new connections served %s after the"
            + " flood%n",
        ok ? "ok" : "FAIL",
        filled,
        newCallerServed
            ? "served after " + newCaller + " ms"
            : "NOT served within "
                + NEW_CALLER_BOUND.toSeconds()
                + " s ("
                + firstLine(newCallerAnswer)
                + (newCaller >= 0 ? ", " + newCaller + " ms" : "")
                + ")",
        flood.size(),
        refused.get(),
        CONNECT_TIMEOUT_MILLIS,
        HOLD.toSeconds(),
        fresh.summary(),
        kept.summary(),
        recovered < 0 ? "not within " + RECOVERY_BOUND.toSeconds() + " s" : recovered + " ms");
    return ok ? 0 : 1;
  }

  private static void mint(Client client, Latencies latencies) {
    long start = System.nanoTime();
    try {
      Client.Answer answer = client.post("/v2/auth/generate_token", "{\"userId\":\"kept\"}");
      if (answer.status() == 200) {
        latencies.answered(start);
      } else {
        latencies.failed(Crash.oneLine(answer));
      }
    } catch (IOException e) {
      latencies.failed(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // a flood connection the server closed already
    }
  }

  /**
   * What a new connection gets for /health/live, waiting as long as a patient client would (its
   * connect retried by the kernel): the answer, or the failure.
   */
  private static String patientLive(InetSocketAddress server) {
    try (Socket socket = new Socket()) {
      socket.connect(server, PATIENCE_MILLIS);
      socket.setSoTimeout(PATIENCE_MILLIS);
      socket.getOutputStream().write(LIVE);
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\r');
    return end < 0 ? text : text.substring(0, end);
  }

  /** Whether a new connection gets /health/live answered 200 within 2 s. */
  private static boolean live(InetSocketAddress server) {
    try (Socket socket = new Socket()) {
      socket.connect(server, CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write(LIVE);
      return NormalTraffic.statusLine(socket.getInputStream()).startsWith("HTTP/1.1 200 ");
    } catch (IOException e) {
      return false;
    }
  }
}
