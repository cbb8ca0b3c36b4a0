package dev.tokenmint.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.CheckReadiness;
import dev.tokenmint.application.port.in.ManageWorkspaces.IssuedCredential;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real {@link HttpServer} on a free port over a {@link TestApplication}, and a {@code
 * java.net.http} client to call it. Close it after the test class.
 */
final class TestServer implements AutoCloseable {

  static final String GENERATE_TOKEN = "/v2/auth/generate_token";
  static final String GENERATE_AUTHORIZATION =
      "/plugin/datafor-modeler/api/token/generateAuthorization";

  static final String USERS_ADD = "/v2/users/add";
  static final String USERS_UPDATE = "/v2/users/update";
  static final String USERS_GET = "/v2/users/get";
  static final String USERS_DELETE = "/v2/users/delete";
  static final String PERMISSIONS_ADD = "/v2/auth/permissions/add";
  static final String PERMISSIONS_REMOVE = "/v2/auth/permissions/remove";
  static final String PERMISSIONS_GET = "/v2/auth/permissions/get";
  static final String VERIFY_TOKEN = "/v2/auth/verify_token";
  static final String CHECK_ACCESS = "/v2/auth/check_access";
  static final String REVOKE_TOKEN = "/v2/auth/revoke_token";
  static final String KEYS_ROTATE = "/v2/keys/rotate";
  static final String KEYS_GET = "/v2/keys/get";
  static final String KEYS_ALGORITHMS = "/v2/keys/algorithms";

  /** What the server reports as its signing providers (the test application signs with none). */
  static final Map<SigningAlgorithm, String> SIGNING_PROVIDERS =
      Map.of(
          SigningAlgorithm.ES256, "TestProvider 1.0", SigningAlgorithm.HS256, "TestProvider 1.0");

  /** Velt's header pair with the default workspace's admin credential. */
  static final List<String> ADMIN =
      List.of(
          "x-velt-api-key", TestApplication.API_KEY,
          "x-velt-auth-token", TestApplication.ADMIN_TOKEN);

  /** Velt's header pair with the default workspace's issuer credential. */
  static final List<String> ISSUER =
      List.of(
          "x-velt-api-key", TestApplication.API_KEY,
          "x-velt-auth-token", TestApplication.ISSUER_TOKEN);

  /** No credentials at all. */
  static final List<String> ANONYMOUS = List.of();

  final TestApplication app;
  private final HttpServer server;
  private final HttpClient client;
  private final String base;

  private TestServer(TestApplication app, HttpServer server) {
    this.app = app;
    this.server = server;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = "http://127.0.0.1:" + server.port();
  }

  /** A server over {@code app} with the default 64 KiB body limit. */
  static TestServer start(TestApplication app) {
    return start(app, HttpServer.Options.DEFAULT_MAX_BODY_BYTES);
  }

  /** A server over {@code app} accepting bodies of up to {@code maxBodyBytes}. */
  static TestServer start(TestApplication app, long maxBodyBytes) {
    return start(app, maxBodyBytes, app.readiness);
  }

  /** A server over {@code app} answering readiness with {@code readiness}. */
  static TestServer start(TestApplication app, long maxBodyBytes, CheckReadiness readiness) {
    return start(app, new HttpServer.Options("127.0.0.1", 0, maxBodyBytes), readiness);
  }

  /** A server over {@code app} with {@code options}. */
  static TestServer start(TestApplication app, HttpServer.Options options) {
    return start(app, options, app.readiness);
  }

  /**
   * A server over {@code app} whose rate limits read the time from {@code nanoTime}, so a test
   * refills their buckets by moving it.
   */
  static TestServer start(TestApplication app, java.util.function.LongSupplier nanoTime) {
    return start(
        app,
        new HttpServer.Options("127.0.0.1", 0, HttpServer.Options.DEFAULT_MAX_BODY_BYTES),
        app.readiness,
        nanoTime);
  }

  private static TestServer start(
      TestApplication app, HttpServer.Options options, CheckReadiness readiness) {
    return start(app, options, readiness, System::nanoTime);
  }

  private static TestServer start(
      TestApplication app,
      HttpServer.Options options,
      CheckReadiness readiness,
      java.util.function.LongSupplier nanoTime) {
    HttpServer server =
        new HttpServer(
                options,
                new HttpServer.UseCases(
                    app.authentication,
                    app.mintToken,
                    app.generateAuthorization,
                    app.keyService,
                    readiness,
                    app.userService,
                    app.permissionService,
                    app.verification,
                    app.keyService,
                    app.rateLimits,
                    app.readAudit,
                    app.exchangeToken),
                SIGNING_PROVIDERS,
                nanoTime)
            .start();
    return new TestServer(app, server);
  }

  /**
   * Adds a second, non-default workspace to {@code app} with an admin credential for {@code
   * adminToken} and its own signing key; returns it.
   */
  static Workspace addWorkspace(TestApplication app, String apiKey, String adminToken) {
    Workspace workspace =
        new Workspace(
            "ws-" + apiKey,
            apiKey,
            "Workspace " + apiKey,
            false,
            Workspace.issuerUnder(TestApplication.ISSUER, apiKey, false));
    app.workspaces.create(workspace);
    app.credentials.create(
        new Credential(
            "admin-" + apiKey,
            workspace.id(),
            TokenHash.of(adminToken),
            CredentialRole.ADMIN,
            TestApplication.NOW,
            false));
    app.keyService.ensureActiveKey(workspace, SigningAlgorithm.ES256);
    return workspace;
  }

  /**
   * Creates another workspace through the application's own use case; returns Velt's header pair
   * with its admin credential.
   */
  List<String> otherWorkspaceAdmin(String name) {
    IssuedCredential issued = app.workspaceService.create(name);
    return List.of(
        "x-velt-api-key", issued.workspace().apiKey(),
        "x-velt-auth-token", issued.authToken());
  }

  /** POST {@code body} (UTF-8) to {@code path} with the given header name/value pairs. */
  Reply post(String path, String body, List<String> headers) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** POST raw {@code body} bytes to {@code path}; an empty array sends no body at all. */
  Reply post(String path, byte[] body, List<String> headers) {
    BodyPublisher publisher =
        body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body);
    return send("POST", path, publisher, headers);
  }

  /**
   * Sends only the request head of a POST whose {@code Content-Length} declares {@code
   * declaredBytes}, over a raw socket, and returns the status line and body the server answers
   * without waiting for the body.
   */
  String postHeadOnly(String path, long declaredBytes, List<String> headers) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      StringBuilder head =
          new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
              .append("Content-Type: application/json\r\n")
              .append("Content-Length: ")
              .append(declaredBytes)
              .append("\r\n");
      for (int i = 0; i < headers.size(); i += 2) {
        head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
      }
      head.append("\r\n");
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      StringBuilder answer = new StringBuilder();
      int contentLength = 0;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        answer.append(line).append("\r\n");
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      byte[] body = new byte[contentLength];
      in.readFully(body);
      return answer.append("\r\n").append(new String(body, StandardCharsets.UTF_8)).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code request} (ISO-8859-1) as it is over a new connection to {@code port} and reads
   * the answer: the status line, the headers and a body of the length they declare. For requests
   * that {@code java.net.http} refuses to send.
   */
  static Reply raw(int port, String request) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return readReply(socket.getInputStream());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("raw request to port " + port + " failed", e);
    }
  }

  /** {@link #raw(int, String)} to this server's port. */
  Reply raw(String request) {
    return raw(server.port(), request);
  }

  /** Reads one HTTP/1.1 answer: status line, headers, and a body of its Content-Length. */
  static Reply readReply(java.io.InputStream stream) throws java.io.IOException {
    java.io.DataInputStream in = new java.io.DataInputStream(stream);
    String statusLine = readLine(in);
    if (statusLine.isEmpty()) {
      throw new java.io.EOFException("the connection closed without an answer");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int contentLength = 0;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      headers.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Integer.parseInt(value);
      }
    }
    byte[] body = new byte[contentLength];
    in.readFully(body);
    return new Reply(
        status,
        java.net.http.HttpHeaders.of(headers, (name, value) -> true),
        new String(body, StandardCharsets.UTF_8));
  }

  private static String readLine(java.io.InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** The port the server listens on. */
  int port() {
    return server.port();
  }

  /** The management port, when the server has one. */
  java.util.OptionalInt managementPort() {
    return server.managementPort();
  }

  /** Every route the server registered, as {@code "METHOD path"}. */
  List<String> routes() {
    return server.routes();
  }

  /** The address of {@code path} on this server, for clients other than {@link #get}. */
  URI uri(String path) {
    return URI.create(base + path);
  }

  /** GET {@code path} without credentials. */
  Reply get(String path) {
    return send("GET", path, BodyPublishers.noBody(), ANONYMOUS);
  }

  /** Any method on {@code path}. */
  Reply send(String method, String path, BodyPublisher body, List<String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body);
    boolean typed = false;
    for (int i = 0; i < headers.size(); i += 2) {
      typed |= headers.get(i).equalsIgnoreCase("Content-Type");
    }
    if (body.contentLength() != 0 && !typed) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    try {
      var response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * What has been signed, audited and stored so far; compare with {@link
   * #assertNothingMintedSince}.
   */
  Snapshot snapshot() {
    return new Snapshot(app.signer.signed().size(), app.audit.records().size());
  }

  /** Asserts that no token was signed or audited since {@code before}. */
  void assertNothingMintedSince(Snapshot before) {
    assertThat(app.signer.signed()).as("tokens signed").hasSize(before.signed());
    assertThat(app.audit.records()).as("audit records").hasSize(before.audited());
  }

  /** Counts of signed tokens and audit records at one moment. */
  record Snapshot(int signed, int audited) {}

  /**
   * Copies of every stored user profile and grant, of every workspace; compare with {@link
   * #assertNothingStoredSince}.
   */
  Stored stored() {
    return new Stored(app.users.snapshot(), app.grants.snapshot());
  }

  /** Asserts that no user profile or grant was written, changed or removed since {@code before}. */
  void assertNothingStoredSince(Stored before) {
    assertThat(app.users.snapshot()).as("stored user profiles").isEqualTo(before.users());
    assertThat(app.grants.snapshot()).as("stored grants").isEqualTo(before.grants());
  }

  /** The stores' contents at one moment. */
  record Stored(Object users, Object grants) {}

  @Override
  public void close() {
    server.close();
  }
}
