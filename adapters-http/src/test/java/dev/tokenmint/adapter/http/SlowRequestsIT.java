package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenmint.application.fixture.TestApplication;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Reading a request has a deadline, head and body: a client that has not sent its whole request
 * within it is answered 408 and its connection closed, however it trickles its bytes; a client that
 * goes away mid-body is a client error, not a bug; and clients sending slowly hold no thread, so
 * everyone else is served at full speed beside hundreds of them.
 */
class SlowRequestsIT {

  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final String LIVE = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
  private final List<Socket> sockets = new ArrayList<>();
  private TestServer server;

  @AfterEach
  void stop() throws IOException {
    trickler.shutdownNow();
    for (Socket socket : sockets) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void body_not_received_in_time_is_408_resource_exhausted_and_the_connection_closes()
      throws IOException {
    server = start(DEADLINE, true);
    TestServer.Snapshot before = server.snapshot();
    Socket slow = open(head(GENERATE_TOKEN, ISSUER, 100) + "{\"userId\"");

    Reply reply = TestServer.readReply(slow.getInputStream());

    assertVeltFailure(reply, 408, "RESOURCE_EXHAUSTED", "not received within 1 s");
    assertThat(reply.header("Connection")).contains("close");
    assertThat(slow.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
    server.assertNothingMintedSince(before);
  }

  @Test
  void body_trickled_byte_by_byte_is_cut_at_the_deadline_all_the_same() throws IOException {
    server = start(DEADLINE, true);
    Socket slow = open(head(GENERATE_TOKEN, ISSUER, 60_000) + "{");
    trickle(slow, ' ');

    Reply reply = TestServer.readReply(slow.getInputStream());

    assertVeltFailure(reply, 408, "RESOURCE_EXHAUSTED", "not received within 1 s");
  }

  @Test
  void datafor_body_not_received_in_time_is_408_in_the_datafor_envelope() throws IOException {
    server = start(DEADLINE, true);
    Socket slow = open(head(GENERATE_AUTHORIZATION, ADMIN, 100) + "{");

    Reply reply = TestServer.readReply(slow.getInputStream());

    assertDataforFailure(reply, 408, "not received within 1 s");
  }

  @Test
  void head_trickled_past_the_deadline_is_408_and_the_connection_closes() throws IOException {
    server = start(DEADLINE, true);
    Socket slow = open("POST " + GENERATE_TOKEN + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    trickle(slow, 'a');

    Reply reply = TestServer.readReply(slow.getInputStream());

    assertVeltFailure(reply, 408, "RESOURCE_EXHAUSTED", "not received within 1 s");
    assertThat(reply.header("Connection")).contains("close");
    assertThat(slow.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
  }

  @Test
  void requests_sent_one_after_another_on_one_connection_outlive_the_deadline() throws IOException {
    server = start(DEADLINE, true);
    Socket kept = open("");
    long until = System.nanoTime() + DEADLINE.multipliedBy(3).toNanos();
    int answered = 0;

    while (System.nanoTime() < until) {
      kept.getOutputStream().write(LIVE.getBytes(StandardCharsets.ISO_8859_1));
      Reply reply = TestServer.readReply(kept.getInputStream());
      assertThat(reply.status()).as("answer %d: %s", answered, reply).isEqualTo(200);
      answered++;
    }

    assertThat(answered).isPositive();
  }

  @Test
  void client_that_goes_away_mid_body_counts_as_499_and_is_logged_in_one_info_line()
      throws IOException {
    server = start(DEADLINE.multipliedBy(30), true);
    Logger tokenmint = (Logger) LoggerFactory.getLogger("dev.tokenmint");
    Level level = tokenmint.getLevel();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    tokenmint.addAppender(logged);
    tokenmint.setLevel(Level.INFO);
    try {
      open(head(GENERATE_TOKEN, ISSUER, 60_000) + "{\"userId\":").close();

      String metrics =
          awaitMetrics(text -> text.contains("route=\"" + GENERATE_TOKEN + "\",status=\"499\""));

      assertThat(metrics).doesNotContain("status=\"500\"");
      assertThat(logged.list)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getFormattedMessage())
                    .contains("POST " + GENERATE_TOKEN)
                    .doesNotContain("\n");
                assertThat(event.getThrowableProxy()).isNull();
              });
    } finally {
      tokenmint.detachAppender(logged);
      tokenmint.setLevel(level);
    }
  }

  @Test
  void a_body_that_would_overfill_the_body_memory_is_503_and_memory_is_given_back() {
    server =
        TestServer.start(
            TestApplication.standard(),
            new HttpServer.Options("127.0.0.1", 0, HttpServer.Options.DEFAULT_MAX_BODY_BYTES)
                .withBodyMemoryBytes(1024));
    TestServer.Snapshot before = server.snapshot();
    String large = VELT_EXAMPLE_1 + " ".repeat(2048);

    Reply refused = server.post(GENERATE_TOKEN, large, ISSUER);

    assertVeltFailure(refused, 503, "UNAVAILABLE", "too many request bodies at once");
    assertThat(refused.header("Retry-After")).contains("1");
    server.assertNothingMintedSince(before);
    for (int i = 0; i < 5; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }
  }

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void normal_requests_keep_their_latency_beside_300_slow_bodies(boolean virtualThreads)
      throws IOException {
    Duration deadline = Duration.ofMinutes(2);
    server = start(deadline, virtualThreads);
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      slow.add(open(head(GENERATE_TOKEN, ISSUER, 60_000) + "{"));
    }
    // a byte every 200 ms keeps each one busy: no idle timeout, nor Jetty's low-resources one
    trickler.scheduleAtFixedRate(
        () -> slow.forEach(socket -> writeQuietly(socket, ' ')), 200, 200, TimeUnit.MILLISECONDS);
    Duration bound = Duration.ofSeconds(5);

    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("request %d beside 300 slow bodies (deadline %s)", i, deadline)
          .isLessThan(bound);
    }
    for (Socket socket : slow) {
      assertThat(socket.getInputStream().available()).as("a slow request was answered").isZero();
    }
  }

  private static TestServer start(Duration deadline, boolean virtualThreads) {
    return TestServer.start(
        TestApplication.standard(),
        new HttpServer.Options("127.0.0.1", 0, HttpServer.Options.DEFAULT_MAX_BODY_BYTES)
            .withVirtualThreads(virtualThreads)
            .withRequestReadTimeout(deadline));
  }

  /** A POST head declaring {@code contentLength} bytes of JSON, with {@code credentials}. */
  private static String head(String path, List<String> credentials, int contentLength) {
    StringBuilder head =
        new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .append("Content-Type: application/json\r\n");
    for (int i = 0; i < credentials.size(); i += 2) {
      head.append(credentials.get(i)).append(": ").append(credentials.get(i + 1)).append("\r\n");
    }
    return head.append("Content-Length: ").append(contentLength).append("\r\n\r\n").toString();
  }

  /** A connection that has sent {@code start}; closed after the test. */
  private Socket open(String start) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    sockets.add(socket);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  /** Sends {@code c} on {@code socket} every 100 ms until the test ends or the server closes. */
  private void trickle(Socket socket, char c) {
    trickler.scheduleAtFixedRate(() -> writeQuietly(socket, c), 100, 100, TimeUnit.MILLISECONDS);
  }

  private static void writeQuietly(Socket socket, char c) {
    try {
      socket.getOutputStream().write(c);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      // the server closed it: that is what the test waits for
    }
  }

  /** The first {@code /metrics} scrape that satisfies {@code until}, within 10 s. */
  private String awaitMetrics(Predicate<String> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      String metrics = server.get("/metrics").body();
      if (until.test(metrics)) {
        return metrics;
      }
      if (System.nanoTime() > deadline) {
        fail("not in /metrics within 10 s:%n%s", metrics);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
