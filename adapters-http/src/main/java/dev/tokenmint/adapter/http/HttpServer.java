package dev.tokenmint.adapter.http;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.datafor.GenerateAuthorizationHandler;
import dev.tokenmint.adapter.http.docs.DocsHandler;
import dev.tokenmint.adapter.http.error.ErrorMapper;
import dev.tokenmint.adapter.http.health.HealthHandler;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.adapter.http.jwks.JwksHandler;
import dev.tokenmint.adapter.http.metrics.MetricsHandler;
import dev.tokenmint.adapter.http.openapi.OpenApiHandler;
import dev.tokenmint.adapter.http.velt.GenerateTokenHandler;
import dev.tokenmint.adapter.http.velt.KeysHandler;
import dev.tokenmint.adapter.http.velt.PermissionsHandler;
import dev.tokenmint.adapter.http.velt.UsersHandler;
import dev.tokenmint.adapter.http.velt.VerificationHandler;
import dev.tokenmint.application.port.in.Authenticate;
import dev.tokenmint.application.port.in.CheckReadiness;
import dev.tokenmint.application.port.in.GenerateAuthorization;
import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.ManagePermissions;
import dev.tokenmint.application.port.in.ManageUsers;
import dev.tokenmint.application.port.in.MintToken;
import dev.tokenmint.application.port.in.PublishKeys;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.domain.failure.TokenmintException;
import dev.tokenmint.domain.key.SigningAlgorithm;
import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP server: every route, the JSON mapper and the three exception handlers, configured in one
 * place.
 */
public final class HttpServer implements AutoCloseable {

  /**
   * What the server listens on, how large a request body may be, and whether requests run on
   * virtual threads (JDK 21 and newer; ignored on older JDKs).
   */
  public record Options(String host, int port, long maxBodyBytes, boolean virtualThreads) {
    /** The DESIGN §2 default body limit: 64 KiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** The host is required; the port is 0 (any free port) to 65535. */
    public Options {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535");
      }
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
    }

    /** Options with requests on virtual threads where the JDK has them. */
    public Options(String host, int port, long maxBodyBytes) {
      this(host, port, maxBodyBytes, true);
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
      ManageKeys manageKeys) {}

  private final Javalin app;
  private final Options options;
  private final MetricsHandler metrics;

  /**
   * A server for {@code useCases}, not yet started. {@code signingProviders} names the JCA provider
   * of each algorithm, for {@code /metrics} and {@code /v2/keys/get}.
   */
  public HttpServer(
      Options options, UseCases useCases, Map<SigningAlgorithm, String> signingProviders) {
    this.options = options;
    this.metrics = new MetricsHandler(signingProviders);
    JsonBodies bodies = new JsonBodies();
    Callers callers = new Callers(useCases.authenticate());
    var generateToken = new GenerateTokenHandler(callers, bodies, useCases.mintToken());
    var generateAuthorization =
        new GenerateAuthorizationHandler(callers, bodies, useCases.generateAuthorization());
    var users = new UsersHandler(callers, bodies, useCases.manageUsers());
    var permissions = new PermissionsHandler(callers, bodies, useCases.managePermissions());
    var verification = new VerificationHandler(callers, bodies, useCases.verifyToken());
    var keys = new KeysHandler(callers, bodies, useCases.manageKeys(), signingProviders);
    var jwks = new JwksHandler(useCases.publishKeys(), bodies.mapper());
    var health = new HealthHandler(useCases.readiness());
    var openApi = new OpenApiHandler(bodies.mapper());
    var docs = new DocsHandler();
    ErrorMapper errors = new ErrorMapper(options.maxBodyBytes());

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
              config.requestLogger.http(metrics::record);
              config.routes.apiBuilder(
                  () -> {
                    // A declared body over the limit is refused without being parsed. Up to
                    // DRAIN_LIMIT it is read and dropped first, so the client has finished
                    // sending when the 413 arrives and reads it; a larger one is answered at once
                    // (a client announcing it with "Expect: 100-continue" never uploads it).
                    before(ctx -> refuseOversized(ctx, options.maxBodyBytes()));
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
                    post(
                        "/plugin/datafor-modeler/api/token/generateAuthorization",
                        generateAuthorization::handle);
                    get("/.well-known/jwks.json", jwks::defaultWorkspace);
                    get("/workspaces/{apiKey}/.well-known/jwks.json", jwks::workspace);
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
              config.routes.exception(Exception.class, errors::onUnexpected);
            });
  }

  /** Javalin's response copy buffer and Jetty's output buffer. */
  static final int RESPONSE_BUFFER_BYTES = 8 * 1024;

  /** Largest declared body read and dropped before a 413, so the client can read the answer. */
  static final long DRAIN_LIMIT = 1024 * 1024;

  private static void refuseOversized(Context ctx, long maxBodyBytes) {
    long declared = ctx.contentLength();
    if (declared <= maxBodyBytes) {
      return;
    }
    if (declared <= DRAIN_LIMIT) {
      try {
        ctx.req().getInputStream().skipNBytes(declared);
      } catch (IOException e) {
        // the client stopped sending: it gets the 413 if it still listens
      }
    }
    throw new ContentTooLargeResponse();
  }

  /** Starts listening; returns this server. */
  public HttpServer start() {
    app.start(options.host(), options.port());
    return this;
  }

  /** The port listened on (the chosen one when started with port 0). */
  public int port() {
    return app.port();
  }

  /**
   * Every route registered, as {@code "METHOD path"} in registration order, filters excluded; for
   * the test that holds docs/openapi.yaml to the routes served.
   */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  /** Stops listening and releases the threads. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      metrics.close();
    }
  }
}
