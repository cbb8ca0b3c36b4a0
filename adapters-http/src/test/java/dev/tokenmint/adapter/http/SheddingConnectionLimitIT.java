package dev.tokenmint.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limit on a real Jetty server: a limit of 4, a long idle timeout (60 s) and a short
 * one at the limit (300 ms).
 */
class SheddingConnectionLimitIT {

  private static final int LIMIT = 4;
  private static final long LONG_IDLE_MILLIS = 60_000;
  private static final long SHORT_IDLE_MILLIS = 300;
  private static final byte[] GET =
      "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final SheddingConnectionLimit limit =
      new SheddingConnectionLimit(LIMIT, connector, SHORT_IDLE_MILLIS);
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.stop();
  }

  @Test
  void at_the_limit_every_connection_gets_the_short_idle_timeout_those_still_opening_too()
      throws Exception {
    start();
    CountDownLatch opened = countOpened(LIMIT);

    for (int i = 0; i < LIMIT; i++) {
      sockets.add(connect()); // idle: sends nothing
    }
    assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();

    // The last one was accepted (reaching the limit) before it was open: Jetty's limit alone left
    // it the long timeout.
    assertThat(limit.shedding()).isTrue();
    assertThat(connector.getConnectedEndPoints())
        .hasSize(LIMIT)
        .extracting(EndPoint::getIdleTimeout)
        .containsOnly(SHORT_IDLE_MILLIS);
  }

  @Test
  void the_idle_connections_are_shed_and_a_new_caller_queued_behind_them_is_served()
      throws Exception {
    start();
    for (int i = 0; i < LIMIT; i++) {
      sockets.add(connect());
    }
    Socket caller = connect(); // waits in the kernel's queue: the server is not accepting
    sockets.add(caller);
    caller.getOutputStream().write(GET);

    // Closed by the server long before the long idle timeout (a read timeout is a failure).
    for (Socket idle : sockets.subList(0, LIMIT)) {
      idle.setSoTimeout(10_000);
      assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
    }
    caller.setSoTimeout(10_000);
    String answer = new String(caller.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(answer).startsWith("HTTP/1.1 200 ");
  }

  private void start() throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setIdleTimeout(LONG_IDLE_MILLIS);
    server.addConnector(connector);
    server.addBean(limit);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            callback.succeeded();
            return true;
          }
        });
    server.start();
  }

  /**
   * Counts connections as they open; added after the start, so after the limit (a bean of the
   * connector since then), which has run for a connection by the time it is counted.
   */
  private CountDownLatch countOpened(int count) {
    CountDownLatch latch = new CountDownLatch(count);
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            latch.countDown();
          }
        });
    return latch;
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()), 10_000);
    return socket;
  }
}
