package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.adapter.jdbc.JdbcDatabase;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a real process under load: readiness drops, every request in flight is answered in
 * full, every answered token has its audit record, and the process exits by itself within the grace
 * period.
 */
class GracefulStopIT {

  private static final Path JAR = Path.of("target", "tokenmint.jar");
  private static final Pattern LISTENING = Pattern.compile("serving on http://[^:]+:(\\d+)");
  private static final String API_KEY = "tmk_graceful_stop";
  private static final String AUTH_TOKEN = "tmat_graceful_stop_admin_0123456789abcdef";
  private static final String BODY = "{\"userId\":\"u1\",\"userProperties\":{\"name\":\"Ann\"}}";
  private static final int IN_FLIGHT = 20;

  private final Path data = TestDirectories.fresh("graceful");

  /** One answer read whole from a connection the server closes after it. */
  record Answer(int status, String body) {}

  @Test
  void sigterm_under_load_answers_every_request_in_flight_and_audits_every_token()
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-jar", JAR.toString(), "serve").redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("TOKENMINT_"));
    builder.environment().put("TOKENMINT_DATA_DIR", data.toString());
    builder.environment().put("TOKENMINT_PORT", "0");
    builder.environment().put("TOKENMINT_API_KEY", API_KEY);
    builder.environment().put("TOKENMINT_AUTH_TOKEN", AUTH_TOKEN);
    builder.environment().put("TOKENMINT_SHUTDOWN_GRACE_SECONDS", "10");
    Process server = builder.start();
    List<String> output = new ArrayList<>();
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                listening.completeExceptionally(e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    ExecutorService load = Executors.newFixedThreadPool(4);
    try {
      int port = listening.get(60, TimeUnit.SECONDS);

      // Full speed until just before the signal: every answer a 200.
      ConcurrentLinkedQueue<Answer> before = new ConcurrentLinkedQueue<>();
      AtomicBoolean sending = new AtomicBoolean(true);
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        workers.add(
            CompletableFuture.runAsync(
                () -> {
                  while (sending.get()) {
                    before.add(exchange(port, request(BODY)));
                  }
                },
                load));
      }
      // Requests in flight at the signal: head and half the body sent, the rest after it.
      List<Socket> inFlight = new ArrayList<>();
      byte[] whole = request(BODY);
      int split = whole.length - BODY.length() / 2;
      for (int i = 0; i < IN_FLIGHT; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(whole, 0, split);
        socket.getOutputStream().flush();
        inFlight.add(socket);
      }
      Socket keptAlive = new Socket(InetAddress.getLoopbackAddress(), port);
      keptAlive.setSoTimeout(30_000);
      sending.set(false);
      CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

      // SIGTERM (Process.destroy would also close the pipes this test reads the server's log from)
      server.toHandle().destroy();
      awaitLine(output, "tokenmint stopping", 10);

      // On a connection opened before the signal, readiness is down.
      Answer ready =
          exchange(
              keptAlive,
              ("GET /health/ready HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(ready.status()).isEqualTo(503);
      List<Answer> during = new ArrayList<>();
      for (Socket socket : inFlight) {
        try (socket) {
          OutputStream out = socket.getOutputStream();
          out.write(whole, split, whole.length - split);
          out.flush();
          during.add(read(socket.getInputStream()));
        }
      }

      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
      assertThat(server.exitValue()).isIn(0, 143);
      assertThat(before)
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
      assertThat(during)
          .hasSize(IN_FLIGHT)
          .allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));

      Set<String> answered = new java.util.HashSet<>();
      before.forEach(a -> answered.add(jti(a)));
      during.forEach(a -> answered.add(jti(a)));
      try (JdbcDatabase database = JdbcDatabase.embedded(data.toString())) {
        String workspace = database.workspaces().findDefault().orElseThrow().id();
        Set<String> audited = new java.util.HashSet<>();
        AuditFilter minted =
            new AuditFilter(
                Optional.of(AuditKind.TOKEN_MINTED),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Optional<String> after = Optional.empty();
        do {
          AuditLog.Slice slice = database.audit().read(workspace, minted, after, 1000);
          slice.events().forEach(event -> event.jti().ifPresent(audited::add));
          after = slice.next();
        } while (after.isPresent());
        assertThat(audited).as("an audit record for every answered token").containsAll(answered);
      }
      synchronized (output) {
        assertThat(output).noneMatch(line -> line.contains("\tat ") || line.contains("ERROR"));
        assertThat(output).anyMatch(line -> line.contains("tokenmint stopped"));
      }
    } finally {
      load.shutdownNow();
      server.destroyForcibly();
    }
  }

  private static byte[] request(String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /v2/auth/generate_token HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nx-velt-api-key: "
            + API_KEY
            + "\r\n"
            + "x-velt-auth-token: "
            + AUTH_TOKEN
            + "\r\nContent-Length: "
            + content.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] whole = new byte[headBytes.length + content.length];
    System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
    System.arraycopy(content, 0, whole, headBytes.length, content.length);
    return whole;
  }

  private static Answer exchange(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      return exchange(socket, request);
    } catch (IOException e) {
      throw new IllegalStateException("a request before the signal failed", e);
    }
  }

  private static Answer exchange(Socket socket, byte[] request) throws IOException {
    socket.getOutputStream().write(request);
    socket.getOutputStream().flush();
    return read(socket.getInputStream());
  }

  /** The whole answer of a {@code Connection: close} exchange: status and body. */
  private static Answer read(InputStream in) throws IOException {
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    assertThat(text).as("a whole answer").startsWith("HTTP/1.1 ").contains("\r\n\r\n");
    int status = Integer.parseInt(text.substring(9, 12));
    return new Answer(status, text.substring(text.indexOf("\r\n\r\n") + 4));
  }

  private static String jti(Answer answer) {
    try {
      JsonNode body = Http.JSON.readTree(answer.body());
      String token = body.get("result").get("data").get("token").asText();
      JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
      return claims.get("jti").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitLine(List<String> output, String text, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      synchronized (output) {
        if (output.stream().anyMatch(line -> line.contains(text))) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line with '" + text + "' within " + seconds + " s: " + output);
  }
}
