package dev.tokenmint.bench.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slowloris: hundreds of connections each sending a request head a byte at a time, beside normal
 * traffic. A connection the server closes (the read deadline: 408) is opened again at once, so the
 * pressure lasts. Normal requests must all succeed, their p99 within a bound of their p99 without
 * the slow clients.
 */
final class SlowClients {

  /** Each slow connection sends one byte this often. */
  static final Duration TRICKLE = Duration.ofMillis(500);

  private static final Duration BASELINE = Duration.ofSeconds(5);
  private static final byte[] HEAD_START =
      "POST /v2/auth/generate_token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADER = "X-Slow: a\r\n".getBytes(StandardCharsets.US_ASCII);

  private SlowClients() {}

  /** One slow connection and how far through its endless head it is. */
  private static final class Slow {
    SocketChannel channel;
    long sent;

    byte next() {
      long at = sent++;
      return at < HEAD_START.length
          ? HEAD_START[(int) at]
          : HEADER[(int) ((at - HEAD_START.length) % HEADER.length)];
    }
  }

  /**
   * {@code slow-clients PORT API_KEY AUTH_TOKEN CLIENTS SECONDS}: the normal traffic alone for 5 s,
   * then beside CLIENTS slow connections for SECONDS.
   */
  static int run(List<String> args) throws Exception {
    int port = Integer.parseInt(args.get(0));
    String apiKey = args.get(1);
    String authToken = args.get(2);
    int clients = Integer.parseInt(args.get(3));
    Duration length = Duration.ofSeconds(Long.parseLong(args.get(4)));
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);

    Latencies alone;
    try (NormalTraffic traffic = NormalTraffic.start(port, apiKey, authToken)) {
      Thread.sleep(BASELINE.toMillis());
      alone = traffic.latencies();
    }

    long answered408 = 0;
    long closedOtherwise = 0;
    long opened = 0;
    Latencies beside;
    try (Selector selector = Selector.open();
        NormalTraffic traffic = NormalTraffic.start(port, apiKey, authToken)) {
      List<Slow> slow = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Slow connection = new Slow();
        open(connection, server, selector);
        opened++;
        slow.add(connection);
      }
      ByteBuffer read = ByteBuffer.allocate(4096);
      ByteBuffer one = ByteBuffer.allocate(1);
      long end = System.nanoTime() + length.toNanos();
      long nextTrickle = System.nanoTime();
      while (System.nanoTime() < end) {
        long wait = Math.max(1, (nextTrickle - System.nanoTime()) / 1_000_000);
        selector.select(wait);
        for (SelectionKey key : selector.selectedKeys()) {
          Slow connection = (Slow) key.attachment();
          read.clear();
          int n;
          try {
            n = connection.channel.read(read);
          } catch (IOException e) {
            n = -1;
          }
          if (n > 0) {
            String answer = new String(read.array(), 0, n, StandardCharsets.ISO_8859_1);
            if (answer.startsWith("HTTP/1.1 408 ")) {
              answered408++;
            } else if (answer.startsWith("HTTP/1.1 ")) {
              closedOtherwise++;
            }
          }
          if (n != 0) { // answered or closed: the server is done with it; start over
            key.cancel();
            connection.channel.close();
            open(connection, server, selector);
            opened++;
          }
        }
        selector.selectedKeys().clear();
        if (System.nanoTime() >= nextTrickle) {
          for (Slow connection : slow) {
            one.clear();
            one.put(connection.next()).flip();
            try {
              connection.channel.write(one);
            } catch (IOException e) {
              // closed by the server: its read event reopens it
            }
          }
          nextTrickle += TRICKLE.toNanos();
        }
      }
      for (Slow connection : slow) {
        connection.channel.close();
      }
      beside = traffic.latencies();
    }

    double bound = bound(alone.percentile(99));
    boolean ok =
        alone.errors() == 0
            && beside.errors() == 0
            && beside.count() > 0
            && beside.percentile(99) <= bound;
    System.out.printf(
        "%s normal requests alone: %s; beside %d slow clients (a byte every %d ms each, %d"
            + " connections opened, %d answered 408, %d other answers): %s; p99 bound %.0f ms%n",
        ok ? "ok" : "FAIL",
        alone.summary(),
        clients,
        TRICKLE.toMillis(),
        opened,
        answered408,
        closedOtherwise,
        beside.summary(),
        bound);
    return ok ? 0 : 1;
  }

  /**
   * The p99 normal requests may have beside slow clients: twice their p99 alone plus 50 ms, so a
   * slow client may cost a normal one a little CPU, never a wait for a thread or a connection.
   */
  static double bound(double aloneP99) {
    return 2 * aloneP99 + 50;
  }

  private static void open(Slow connection, InetSocketAddress server, Selector selector)
      throws IOException {
    connection.channel = SocketChannel.open(server);
    connection.channel.configureBlocking(false);
    connection.channel.register(selector, SelectionKey.OP_READ, connection);
    connection.sent = 0;
  }
}
