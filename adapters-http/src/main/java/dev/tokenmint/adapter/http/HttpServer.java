package dev.tokenmint.adapter.http;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.beforeMatched;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.tokenmint.adapter.http.accesslog.AccessLog;
import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.datafor.GenerateAuthorizationHandler;
import dev.tokenmint.adapter.http.deadline.BodyLoader;
import dev.tokenmint.adapter.http.deadline.BodyNotReceived;
import dev.tokenmint.adapter.http.deadline.HeadDeadline;
import dev.tokenmint.adapter.http.docs.DocsHandler;
import dev.tokenmint.adapter.http.error.ErrorMapper;
import dev.tokenmint.adapter.http.error.OAuthError;
import dev.tokenmint.adapter.http.error.ProtocolErrorHandler;
import dev.tokenmint.adapter.http.health.HealthHandler;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.adapter.http.json.JsonContentType;
import dev.tokenmint.adapter.http.jwks.JwksHandler;
import dev.tokenmint.adapter.http.limit.RateLimited;
import dev.tokenmint.adapter.http.limit.RateLimiter;
import dev.tokenmint.adapter.http.metrics.MetricsHandler;
import dev.tokenmint.adapter.http.oauth.MetadataHandler;
import dev.tokenmint.adapter.http.oauth.OAuthHandler;
import dev.tokenmint.adapter.http.openapi.OpenApiHandler;
import dev.tokenmint.adapter.http.requestid.RequestIds;
import dev.tokenmint.adapter.http.velt.AuditHandler;
import dev.tokenmint.adapter.http.velt.GenerateTokenHandler;
import dev.tokenmint.adapter.http.velt.KeysHandler;
import dev.tokenmint.adapter.http.velt.PermissionsHandler;
import dev.tokenmint.adapter.http.velt.UsersHandler;
import dev.tokenmint.adapter.http.velt.VeltExchange;
import dev.tokenmint.adapter.http.velt.VerificationHandler;
import dev.tokenmint.application.port.in.Authenticate;
import dev.tokenmint.application.port.in.CheckReadiness;
import dev.tokenmint.application.port.in.ExchangeToken;
import dev.tokenmint.application.port.in.GenerateAuthorization;
import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.ManagePermissions;
import dev.tokenmint.application.port.in.ManageRateLimits;
import dev.tokenmint.application.port.in.ManageUsers;
import dev.tokenmint.application.port.in.MintToken;
import dev.tokenmint.application.port.in.PublishKeys;
import dev.tokenmint.application.port.in.ReadAudit;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.domain.failure.TokenmintException;
import dev.tokenmint.domain.key.SigningAlgorithm;
import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: every route, the JSON mapper and the three exception handlers, configured in one
 * place.
 */
public final class HttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  /**
   * What the server listens on, how large a request body may be, whether requests run on virtual
   * threads (JDK 21 and newer; ignored on older JDKs), how long a client may take to send a whole
   * request, head and body, the management port, if any, that alone serves {@code /metrics} and the
   * health routes, and how much memory the request bodies being received may hold together.
   */
  public record Options(
      String host,
      int port,
      long maxBodyBytes,
      boolean virtualThreads,
      Duration requestReadTimeout,
      OptionalInt managementPort,
      long bodyMemoryBytes) {
    /** The default body limit: 64 KiB (docs/api.md). */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /**
     * Time to send a whole request, from its first byte to its last. tokenmint's callers are
     * backends sending at most {@code TOKENMINT_MAX_BODY_BYTES} (64 KiB unless raised): on any
     * network that serves them this takes milliseconds, so 10 s is generous, and it bounds what a
     * client trickling bytes can hold (docs/operations.md, Timeouts).
     */
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);

    /** The host is required; the ports are 0 (any free port) to 65535. */
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(requestReadTimeout, "requestReadTimeout");
      Objects.requireNonNull(managementPort, "managementPort");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535");
      }
      if (managementPort.isPresent()
          && (managementPort.getAsInt() < 0 || managementPort.getAsInt() > 65_535)) {
        throw new IllegalArgumentException("managementPort must be 0 to 65535");
      }
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      if (requestReadTimeout.toMillis() < 1) {
        throw new IllegalArgumentException("requestReadTimeout must be at least 1 ms");
      }
      if (bodyMemoryBytes < 1) {
        throw new IllegalArgumentException("bodyMemoryBytes must be positive");
      }
    }

    /** Options with the default request read timeout and body memory, no management port. */
    public Options(String host, int port, long maxBodyBytes, boolean virtualThreads) {
      this(
          host,
          port,
          maxBodyBytes,
          virtualThreads,
          DEFAULT_REQUEST_READ_TIMEOUT,
          OptionalInt.empty(),
          defaultBodyMemory(maxBodyBytes));
    }

    /** Options with requests on virtual threads where the JDK has them. */
    public Options(String host, int port, long maxBodyBytes) {
      this(host, port, maxBodyBytes, true);
    }

    /**
     * Memory for the request bodies being received at once: an eighth of the heap, and at least
     * four bodies of the largest size. 14 MiB under the recommended 112 MiB heap: 220 bodies of 64
     * KiB arriving together, far beyond tokenmint's own (a token request is about 1 KB).
     */
    static long defaultBodyMemory(long maxBodyBytes) {
      return Math.max(Runtime.getRuntime().maxMemory() / 8, 4 * (maxBodyBytes + 1));
    }

    /** These options with {@code timeout} to read a whole request. */
    public Options withRequestReadTimeout(Duration timeout) {
      return new Options(
          host, port, maxBodyBytes, virtualThreads, timeout, managementPort, bodyMemoryBytes);
    }

    /** These options with requests on virtual threads or not. */
    public Options withVirtualThreads(boolean virtual) {
      return new Options(
          host, port, maxBodyBytes, virtual, requestReadTimeout, managementPort, bodyMemoryBytes);
    }

    /** These options with a management port ({@code 0}: any free one) or none. */
    public Options withManagementPort(OptionalInt port) {
      return new Options(
          host, this.port, maxBodyBytes, virtualThreads, requestReadTimeout, port, bodyMemoryBytes);
    }

    /** These options with {@code bytes} for all the request bodies being received at once. */
    public Options withBodyMemoryBytes(long bytes) {
      return new Options(
          host, port, maxBodyBytes, virtualThreads, requestReadTimeout, managementPort, bytes);
    }
  }

  /** The use cases the routes call. */
  public record UseCases(
      Authenticate authenticate,
      MintToken mintToken,
      GenerateAuthorization generateAuthorization,
      PublishKeys publishKeys,
      CheckReadiness readiness,
      ManageUsers manageUsers,
      ManagePermissions managePermissions,
      VerifyToken verifyToken,
      ManageKeys manageKeys,
      ManageRateLimits rateLimits,
      ReadAudit readAudit,
      ExchangeToken exchangeToken) {}

  private final Javalin app;
  private final Options options;
  private final MetricsHandler metrics;

  /** Every route, as {@code "METHOD path"} in registration order; filled as Javalin adds them. */
  private final List<String> routes = new CopyOnWriteArrayList<>();

  /** The management port's connector, once started with one; written once at start. */
  private volatile ServerConnector management;

  // Counts the requests in flight, for a stop to wait for; set while Javalin builds the server.
  private volatile GracefulHandler graceful;
  // True from the moment a stop begins: /health/ready answers 503 from then on.
  private volatile boolean stopping;
  // False while the composition root finishes its start after binding: /health/ready answers 503.
  private volatile boolean started = true;

  /**
   * A server for {@code useCases}, not yet started. {@code signingProviders} names the JCA provider
   * of each algorithm, for {@code /metrics} and {@code /v2/keys/get}.
   */
  public HttpServer(
      Options options, UseCases useCases, Map<SigningAlgorithm, String> signingProviders) {
    this(options, useCases, signingProviders, System::nanoTime);
  }

  /**
   * A server for {@code useCases} on a {@link Foundation} made beforehand (while the stores
   * opened), not yet started.
   */
  public HttpServer(Options options, UseCases useCases, Foundation foundation) {
    this(options, useCases, foundation, System::nanoTime);
  }

  /** A server whose rate limits read the time from {@code nanoTime}: tests move it by hand. */
  HttpServer(
      Options options,
      UseCases useCases,
      Map<SigningAlgorithm, String> signingProviders,
      LongSupplier nanoTime) {
    this(options, useCases, Foundation.prepare(signingProviders), nanoTime);
  }

  /**
   * What a server is built on that needs no use case, and costs the most to make: the metrics
   * registry with the JVM's meters, and the JSON bodies' mapper and validator. Made apart, a start
   * makes it on another thread while the stores open and migrate. Closed by the server built on it,
   * else by whoever prepared it.
   */
  public static final class Foundation implements AutoCloseable {
    private final Map<SigningAlgorithm, String> signingProviders;
    private final MetricsHandler metrics;
    private final JsonBodies bodies;

    private Foundation(Map<SigningAlgorithm, String> signingProviders, JsonBodies bodies) {
      this.signingProviders = signingProviders;
      this.metrics = new MetricsHandler(signingProviders);
      this.bodies = bodies;
    }

    /** The foundation of a server whose {@code signingProviders} name each algorithm's provider. */
    public static Foundation prepare(Map<SigningAlgorithm, String> signingProviders) {
      return prepare(signingProviders, new JsonBodies());
    }

    /** The same, on {@code bodies} made beforehand (on yet another thread). */
    public static Foundation prepare(
        Map<SigningAlgorithm, String> signingProviders, JsonBodies bodies) {
      return new Foundation(signingProviders, bodies);
    }

    @Override
    public void close() {
      metrics.close();
    }
  }

  private HttpServer(
      Options options, UseCases useCases, Foundation foundation, LongSupplier nanoTime) {
    this.options = options;
    this.metrics = foundation.metrics;
    JsonBodies bodies = foundation.bodies;
    Map<SigningAlgorithm, String> signingProviders = foundation.signingProviders;
    var limiter = new RateLimiter(useCases.rateLimits(), nanoTime, metrics::rateLimited);
    Callers callers = new Callers(useCases.authenticate(), limiter);
    VeltExchange velt = new VeltExchange(callers, bodies);
    var generateToken = new GenerateTokenHandler(velt, useCases.mintToken());
    var generateAuthorization =
        new GenerateAuthorizationHandler(callers, bodies, useCases.generateAuthorization());
    var users = new UsersHandler(velt, useCases.manageUsers());
    var permissions = new PermissionsHandler(velt, useCases.managePermissions());
    var verification = new VerificationHandler(velt, useCases.verifyToken());
    var keys = new KeysHandler(velt, useCases.manageKeys(), signingProviders);
    var audit = new AuditHandler(velt, useCases.readAudit());
    var jwks = new JwksHandler(useCases.publishKeys(), bodies.mapper());
    var metadata = new MetadataHandler(useCases.publishKeys());
    var oauth =
        new OAuthHandler(
            callers,
            limiter,
            useCases.verifyToken(),
            useCases.exchangeToken(),
            bodies,
            metrics::exchanged);
    var health =
        new HealthHandler(
            useCases.readiness(), () -> stopping ? "stopping" : started ? "up" : "starting");
    var openApi = new OpenApiHandler(bodies.mapper());
    AccessLog accessLog = new AccessLog();
    ErrorMapper errors = new ErrorMapper(options.maxBodyBytes(), options.requestReadTimeout());
    var protocolErrors =
        new ProtocolErrorHandler(
            bodies.mapper(), REQUEST_HEADER_BYTES, options.requestReadTimeout());
    var heads = new HeadDeadline(options.requestReadTimeout(), protocolErrors.closingAnswer(408));
    var bodyLoader =
        new BodyLoader(
            options.maxBodyBytes(),
            DRAIN_LIMIT,
            options.requestReadTimeout(),
            options.bodyMemoryBytes());
    var docs = new DocsHandler();

    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              // Requests on virtual threads (JDK 21+; Javalin stays on platform threads on 17).
              // Measured on 2 cores (docs/performance.md): the token route's steady throughput is
              // the same as on Jetty's pool, but it warms up sooner, its p99 at half load is lower
              // and the process keeps less memory resident.
              config.concurrency.useVirtualThreads = options.virtualThreads();
              config.http.maxRequestSize = options.maxBodyBytes();
              // Javalin copies each response through a new buffer of this size (32 KiB unless
              // set): a third of all allocation on the token route. 8 KiB holds a token answer of
              // up to ~5 KB in one write; larger ones are streamed in 8 KiB pieces.
              config.http.responseBufferSize = RESPONSE_BUFFER_BYTES;
              config.jsonMapper(new JavalinJackson(bodies.mapper(), false));
              // Jetty's default, set on purpose: a request line plus headers over 8 KiB is refused
              // (414 or 431) before it is buffered further; tokenmint's requests carry two short
              // credential headers.
              config.jetty.modifyHttpConfiguration(
                  http -> http.setRequestHeaderSize(REQUEST_HEADER_BYTES));
              config.jetty.modifyServer(
                  server -> {
                    // Requests Jetty refuses before routing get the envelope, not an HTML page.
                    server.setErrorHandler(protocolErrors);
                    // Bodies are read before a route runs, holding no thread while they arrive,
                    // within the request's deadline (BodyLoader says why); heads get the same
                    // deadline (HeadDeadline). Outermost first: heads, then bodies, then the
                    // request id (RequestIds says why it is innermost).
                    server.insertHandler(new RequestIds());
                    server.insertHandler(new EagerContentHandler(bodyLoader));
                    server.insertHandler(heads);
                    // Outermost: counts the requests in flight, so that a stop waits for them
                    // (up to the grace period) and answers any new one with 503.
                    GracefulHandler inFlight = new GracefulHandler();
                    // During a stop Jetty closes a connection idle this long; a request still
                    // arriving gets its read deadline, as at any other time (1 s unless set).
                    inFlight.setShutdownIdleTimeout(options.requestReadTimeout().toMillis());
                    server.insertHandler(inFlight);
                    graceful = inFlight;
                  });
              config.jetty.addConnector(
                  (server, http) ->
                      limited(
                          server, connector(server, http, options.host(), options.port(), heads)));
              // The management connector listens on the same host: binding it to another
              // interface would be a second, separately firewalled surface to configure.
              options
                  .managementPort()
                  .ifPresent(
                      port ->
                          config.jetty.addConnector(
                              (server, http) ->
                                  management =
                                      connector(server, http, options.host(), port, heads)));
              // Once per request, after the answer, on the thread and under the MDC request id
              // that served it: the metrics and the access log, from this one hook.
              config.requestLogger.http(
                  (ctx, milliseconds) -> {
                    metrics.record(ctx, milliseconds);
                    accessLog.record(ctx, milliseconds);
                  });
              config.events.handlerAdded(
                  added -> {
                    if (added.getHttpMethod().isHttpMethod()) {
                      routes.add(added.getHttpMethod().name() + " " + added.getPath());
                    }
                  });
              config.routes.apiBuilder(
                  () -> {
                    before(this::keepOperationsApart);
                    // A declared body over the limit is refused without being parsed. Up to
                    // DRAIN_LIMIT BodyLoader has read and dropped it already, so the client has
                    // finished sending when the 413 arrives and reads it; a larger one is answered
                    // at once (a client announcing it with "Expect: 100-continue" never uploads
                    // it).
                    before(ctx -> refuseOversized(ctx, options.maxBodyBytes()));
                    // The JSON routes; the OAuth routes read forms (OAuthForm checks their type).
                    beforeMatched("/v2/*", JsonContentType::require);
                    beforeMatched("/plugin/*", JsonContentType::require);
                    post("/v2/auth/generate_token", generateToken::handle);
                    post("/v2/users/add", users::add);
                    post("/v2/users/update", users::update);
                    post("/v2/users/get", users::get);
                    post("/v2/users/delete", users::delete);
                    post("/v2/auth/permissions/add", permissions::add);
                    post("/v2/auth/permissions/remove", permissions::remove);
                    post("/v2/auth/permissions/get", permissions::get);
                    post("/v2/auth/verify_token", verification::verify);
                    post("/v2/auth/check_access", verification::checkAccess);
                    post("/v2/auth/revoke_token", verification::revoke);
                    post("/v2/keys/rotate", keys::rotate);
                    post("/v2/keys/get", keys::get);
                    post("/v2/keys/algorithms", keys::allowAlgorithms);
                    post("/v2/audit/get", audit::get);
                    post(
                        "/plugin/datafor-modeler/api/token/generateAuthorization",
                        generateAuthorization::handle);
                    post("/oauth2/token", oauth::token);
                    post("/workspaces/{apiKey}/oauth2/token", oauth::token);
                    post("/oauth2/introspect", oauth::introspect);
                    post("/oauth2/revoke", oauth::revoke);
                    get("/.well-known/jwks.json", jwks::defaultWorkspace);
                    get("/workspaces/{apiKey}/.well-known/jwks.json", jwks::workspace);
                    get(MetadataHandler.WELL_KNOWN, metadata::defaultWorkspace);
                    get("/workspaces/{apiKey}" + MetadataHandler.WELL_KNOWN, metadata::workspace);
                    get(MetadataHandler.WELL_KNOWN + "/<issuerPath>", metadata::byIssuerPath);
                    get("/health/live", health::live);
                    get("/health/ready", health::ready);
                    get("/metrics", metrics::scrape);
                    get("/openapi.yaml", openApi::yaml);
                    get("/openapi.json", openApi::json);
                    get("/docs", docs::page);
                    get("/docs/init.js", docs::script);
                    get("/docs/assets/{version}/{file}", docs::asset);
                  });
              config.routes.exception(TokenmintException.class, errors::onFailure);
              config.routes.exception(HttpResponseException.class, errors::onHttpResponse);
              config.routes.exception(BodyNotReceived.class, errors::onBodyNotReceived);
              config.routes.exception(RateLimited.class, errors::onRateLimited);
              config.routes.exception(OAuthError.class, errors::onOAuthError);
              config.routes.exception(Exception.class, errors::onUnexpected);
            });
  }

  /** Largest request line plus headers, in bytes. */
  static final int REQUEST_HEADER_BYTES = 8 * 1024;

  /** Javalin's response copy buffer and Jetty's output buffer. */
  static final int RESPONSE_BUFFER_BYTES = 8 * 1024;

  /** Largest declared body read and dropped before a 413, so the client can read the answer. */
  static final long DRAIN_LIMIT = 1024 * 1024;

  /** The routes a management port serves, alone; the main port then answers 404 for them. */
  static final Set<String> OPERATIONS_PATHS = Set.of("/metrics", "/health/live", "/health/ready");

  /**
   * With a management port, keeps {@link #OPERATIONS_PATHS} there and everything else on the main
   * port: each port answers 404 for the other's routes, in the envelope, as for any unknown route.
   */
  private void keepOperationsApart(Context ctx) {
    ServerConnector operations = management;
    if (operations == null) {
      return;
    }
    boolean onManagementPort = ctx.req().getLocalPort() == operations.getLocalPort();
    if (onManagementPort != OPERATIONS_PATHS.contains(ctx.path())) {
      throw new NotFoundResponse();
    }
  }

  private static void refuseOversized(Context ctx, long maxBodyBytes) {
    if (ctx.contentLength() > maxBodyBytes) {
      throw new ContentTooLargeResponse();
    }
  }

  /**
   * How long a connection may stay silent: between requests on a kept-alive connection, or while a
   * response waits for a client that does not read. Jetty's default, set on purpose; longer than
   * the request read deadline, so that a request that stops arriving is answered 408 by the
   * deadline rather than closed without an answer.
   */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Connections the main port holds at once: the process's file-descriptor limit less a reserve for
   * everything else it opens (database connections and files, the jar, the management port: 16
   * descriptors in all at rest, measured, many more under load): 256, or half the limit when that
   * is lower. Past the descriptor limit, Jetty's accept failed with "Too many open files" and
   * logged a stack trace every second, and new clients waited for the flood's idle connections to
   * time out (30 s): bench/faults.sh flood. At this limit Jetty stops accepting instead (new
   * clients wait in the kernel's queue) and connections idle for {@link #IDLE_TIMEOUT_AT_LIMIT} are
   * closed until half the limit is reached ({@link SheddingConnectionLimit}), so the flood is shed
   * in batches and a new caller gets in within seconds (ConnectionFloodIT).
   */
  static final int CONNECTION_LIMIT = connectionLimit(maxFileDescriptors());

  /**
   * How long a connection may stay silent from the moment the main port reaches its connection
   * limit until its connections are down to half of it.
   */
  static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(1);

  static int connectionLimit(long maxFileDescriptors) {
    // A quarter was not enough under ulimit -n 256: at 192 connections the rest of the process
    // (jar, class-data archive, H2 files and port, selectors, log files) still ran out
    // (ConnectionFloodIT, "Too many open files").
    long reserve = Math.min(256, maxFileDescriptors / 2);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxFileDescriptors - reserve));
  }

  /** The process's file-descriptor limit; where the JDK knows none (not Unix), no limit. */
  private static long maxFileDescriptors() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : Integer.MAX_VALUE;
  }

  private static ServerConnector limited(Server server, ServerConnector connector) {
    server.addBean(
        new SheddingConnectionLimit(CONNECTION_LIMIT, connector, IDLE_TIMEOUT_AT_LIMIT.toMillis()));
    return connector;
  }

  private static ServerConnector connector(
      Server server, HttpConfiguration http, String host, int port, HeadDeadline heads) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    connector.addEventListener(heads);
    return connector;
  }

  /**
   * Starts listening with {@code /health/ready} answering 503 until {@link #ready} is called: for a
   * caller that has more to do before it should get traffic.
   */
  public HttpServer startNotReady() {
    started = false;
    return start();
  }

  /** Lets {@code /health/ready} answer from the readiness checks (after {@link #startNotReady}). */
  public void ready() {
    started = true;
  }

  /** Starts listening; returns this server. */
  public HttpServer start() {
    app.start(); // on the connector HttpServer adds, with the options' host and port
    return this;
  }

  /** The port listened on (the chosen one when started with port 0). */
  public int port() {
    return app.port();
  }

  /** The management port listened on, when there is one (the chosen one when asked for 0). */
  public OptionalInt managementPort() {
    ServerConnector operations = management;
    return operations == null ? OptionalInt.empty() : OptionalInt.of(operations.getLocalPort());
  }

  /**
   * Every route registered, as {@code "METHOD path"} in registration order, filters excluded; for
   * the test that holds docs/openapi.yaml to the routes served.
   */
  List<String> routes() {
    return List.copyOf(routes);
  }

  /**
   * Stops gracefully: {@code /health/ready} answers 503 at once and so does every new request,
   * requests in flight finish for up to {@code grace}, then the connections close and the threads
   * are released.
   */
  public void stop(Duration grace) {
    stopping = true;
    GracefulHandler inFlight = graceful;
    try {
      if (inFlight != null && !grace.isZero()) {
        inFlight.shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException e) {
      LOG.warn(
          "{} requests still in flight after the grace period of {} s are cut",
          inFlight.getCurrentRequestCount(),
          grace.toSeconds());
    } catch (ExecutionException e) {
      LOG.warn("waiting for the requests in flight failed: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      // Nothing is in flight any more (or the grace is over): Jetty need not wait for idle
      // connections, which a client may hold open as long as it likes.
      app.stop();
    } finally {
      metrics.close();
    }
  }

  /** Stops at once: requests in flight are cut ({@link #stop} gives them time). */
  @Override
  public void close() {
    stop(Duration.ZERO);
  }
}
