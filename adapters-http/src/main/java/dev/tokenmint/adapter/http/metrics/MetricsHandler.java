package dev.tokenmint.adapter.http.metrics;

import dev.tokenmint.adapter.http.limit.RateLimited;
import dev.tokenmint.domain.key.SigningAlgorithm;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /metrics} in the Prometheus text format: HTTP requests by route template and status,
 * the JVM, which JCA provider signs each algorithm ({@code tokenmint_signing_provider_info}), and
 * requests refused by a rate limit ({@code tokenmint_rate_limited_total}), tokens issued by token
 * exchange ({@code tokenmint_tokens_exchanged_total}). Nothing in it names a workspace, a user, a
 * credential or a client address.
 */
public final class MetricsHandler implements AutoCloseable {

  /** Prometheus's text exposition format, version 0.0.4. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<RateLimited.Limit, Counter> rateLimited =
      new EnumMap<>(RateLimited.Limit.class);
  private final Counter exchanged =
      Counter.builder("tokenmint.tokens.exchanged")
          .description(
              "Tokens issued by token exchange (POST /oauth2/token), narrower than their parent")
          .register(registry);

  /** Metrics that report {@code signingProviders}: algorithm → provider name and version. */
  public MetricsHandler(Map<SigningAlgorithm, String> signingProviders) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    signingProviders.forEach(
        (algorithm, provider) ->
            Gauge.builder("tokenmint.signing.provider.info", () -> 1)
                .description("The JCA provider that signs and verifies each algorithm")
                .tag("algorithm", algorithm.joseName())
                .tag("provider", provider)
                .register(registry));
    // Registered up front, so the series exist (at 0) before the first refusal.
    for (RateLimited.Limit limit : RateLimited.Limit.values()) {
      rateLimited.put(
          limit,
          Counter.builder("tokenmint.rate.limited")
              .description(
                  "Requests refused with 429 by a rate limit: a credential's requests, or a client"
                      + " address's failed authentications")
              .tag("limit", limit.label())
              .register(registry));
    }
  }

  /** Counts one token exchanged for a narrower one (RFC 8693). */
  public void exchanged() {
    exchanged.increment();
  }

  /** Counts one request refused by {@code limit}. */
  public void rateLimited(RateLimited.Limit limit) {
    rateLimited.get(limit).increment();
  }

  /** The methods counted under their own name; any other a client sends counts as {@code OTHER}. */
  static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT");

  /**
   * Records one finished request under its route template ({@code unmatched} for unknown paths) and
   * method ({@code OTHER} for made-up ones), so that scanners cannot grow the label set.
   */
  public void record(Context ctx, Float milliseconds) {
    String route = route(ctx);
    String method = ctx.method().name();
    Timer.builder("http.server.requests")
        .description("HTTP requests served, by method, route template and status")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record(Duration.ofNanos((long) (milliseconds * 1_000_000)));
  }

  /**
   * The route template {@code ctx} matched ({@code /workspaces/{apiKey}/.well-known/jwks.json}),
   * never the path with its ids; {@code unmatched} for a path no route has.
   */
  public static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    return endpoint == null ? "unmatched" : endpoint.path;
  }

  /** The scrape. */
  public void scrape(Context ctx) {
    ctx.contentType(CONTENT_TYPE).result(registry.scrape());
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
