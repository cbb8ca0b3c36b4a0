package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.Event;
import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.key.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link JwksTokenVerifier}'s keys come from: a JWKS document given once, or the JWKS at a
 * URL, kept by Nimbus's {@link JWKSourceBuilder}. From a URL the set is fetched at the first use
 * and cached for the max age; fetched again on demand (a token naming a key the set lacks),
 * rate-limited to two fetches per refetch interval, successful or not (Nimbus allows two so that a
 * rotation right after a fetch is seen at once); and when a fetch fails, the set in hand stays in
 * use (outage tolerance) for another max age. No background thread: every fetch happens in a
 * caller's {@code verify}, and concurrent callers wait for the one fetch under way.
 *
 * <p>The verifier's clock drives the cache and the rate limit: Nimbus's set sources take the time
 * as a parameter, so this calls the set source the builder composed, not the {@link JWKSource}
 * around it, which would read the system clock.
 */
final class JwksKeySource {

  /** The largest JWKS document read from a URL. */
  private static final int MAX_JWKS_BYTES = 1024 * 1024;

  /** How long one request may take; a caller waits for a fetch under way up to three times it. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(JwksTokenVerifier.class.getName());

  private final String origin;
  private final JWKSetSource<SecurityContext> source;

  /** The last set read, with its verifying keys, so a set is converted once, not per token. */
  private volatile Optional<KeySet> converted = Optional.empty();

  /** A set of the JWKS as Nimbus holds it, and its keys as {@link NimbusTokenVerifier} needs. */
  record KeySet(JWKSet jwks, List<SigningKey> keys) {}

  private JwksKeySource(String origin, JWKSetSource<SecurityContext> source) {
    this.origin = origin;
    this.source = source;
  }

  /**
   * The keys of the JWKS document {@code json}, which never change.
   *
   * @throws IllegalArgumentException when {@code json} is not a JWKS
   */
  static JwksKeySource of(String json) {
    return new JwksKeySource("the JWKS given", new Fixed(JwksKeys.usable(json)));
  }

  /**
   * The keys of the JWKS at {@code url}, fetched with {@code http}.
   *
   * @throws IllegalStateException unless {@code maxAge} is longer than {@code refetchInterval}
   */
  static JwksKeySource at(URI url, HttpClient http, Duration maxAge, Duration refetchInterval) {
    if (maxAge.compareTo(refetchInterval) <= 0) {
      throw new IllegalStateException(
          "the max age ("
              + maxAge
              + ") must be longer than the refetch interval ("
              + refetchInterval
              + ")");
    }
    String origin = "the JWKS at " + url;
    JWKSource<SecurityContext> built =
        JWKSourceBuilder.create(new Fetch(url, http))
            .cache(maxAge.toMillis(), 3 * TIMEOUT.toMillis())
            .refreshAheadCache(false)
            .rateLimited(refetchInterval.toMillis())
            .outageTolerant(Long.MAX_VALUE, event -> logOutage(origin, event))
            .build();
    // With no failover configured, build() wraps the set source it composed in this type.
    return new JwksKeySource(
        origin, ((JWKSetBasedJWKSource<SecurityContext>) built).getJWKSetSource());
  }

  /**
   * The set to verify with at {@code now}: the cached one, fetched first when there is none yet or
   * it is older than the max age.
   *
   * @throws UnavailableException when no set could be fetched yet
   */
  KeySet current(Instant now) {
    try {
      JWKSet jwks =
          source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now.toEpochMilli(), null);
      return keySet(jwks, now);
    } catch (KeySourceException e) {
      throw new UnavailableException(
          origin + " could not be fetched yet (" + reason(e) + "); try again later", e);
    }
  }

  /**
   * A set newer than {@code seen}: one another caller fetched meanwhile, or one fetched now if the
   * rate limit allows; empty when there is none (the cause is logged unless it is the limit).
   */
  Optional<KeySet> newerThan(KeySet seen, Instant now) {
    try {
      JWKSetCacheRefreshEvaluator unlessNewer =
          JWKSetCacheRefreshEvaluator.referenceComparison(seen.jwks());
      JWKSet jwks = source.getJWKSet(unlessNewer, now.toEpochMilli(), null);
      return jwks == seen.jwks() ? Optional.empty() : Optional.of(keySet(jwks, now));
    } catch (RateLimitReachedException e) {
      return Optional.empty();
    } catch (KeySourceException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} could not be fetched again ({1}); the cached key set stays in use",
          origin,
          reason(e));
      return Optional.empty();
    }
  }

  private KeySet keySet(JWKSet jwks, Instant now) {
    Optional<KeySet> last = converted;
    if (last.isPresent() && last.get().jwks() == jwks) {
      return last.get();
    }
    KeySet fresh = new KeySet(jwks, JwksKeys.verifyingKeys(jwks, now));
    converted = Optional.of(fresh);
    return fresh;
  }

  private static void logOutage(
      String origin, Event<OutageTolerantJWKSetSource<SecurityContext>, SecurityContext> event) {
    String cause =
        event instanceof OutageTolerantJWKSetSource.OutageEvent<?> outage
            ? reason(outage.getException())
            : "unknown";
    LOG.log(
        System.Logger.Level.WARNING,
        "{0} could not be fetched ({1}); the cached key set stays in use",
        origin,
        cause);
  }

  private static String reason(Exception e) {
    return e instanceof RateLimitReachedException ? "rate limit reached" : e.getMessage();
  }

  /** A set given once. */
  private static final class Fixed implements JWKSetSource<SecurityContext> {
    private final JWKSet jwks;

    Fixed(JWKSet jwks) {
      this.jwks = jwks;
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context) {
      return jwks;
    }

    @Override
    public void close() {}
  }

  /** The bottom of the chain: one GET of the JWKS, read leniently ({@link JwksKeys#usable}). */
  private static final class Fetch implements JWKSetSource<SecurityContext> {
    private final URI url;
    private final HttpClient http;

    Fetch(URI url, HttpClient http) {
      this.url = url;
      this.http = http;
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
        throws KeySourceException {
      String json = fetch();
      try {
        return JwksKeys.usable(json);
      } catch (IllegalArgumentException e) {
        throw new JWKSetParseException("it is " + e.getMessage(), e);
      }
    }

    private String fetch() throws JWKSetRetrievalException {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .header("Accept", "application/json")
              .GET()
              .build();
      try {
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          if (response.statusCode() != 200) {
            throw new JWKSetRetrievalException("it answered HTTP " + response.statusCode(), null);
          }
          byte[] bytes = body.readNBytes(MAX_JWKS_BYTES + 1);
          if (bytes.length > MAX_JWKS_BYTES) {
            throw new JWKSetRetrievalException("it is over 1 MiB", null);
          }
          return new String(bytes, StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new JWKSetRetrievalException(
            "the request failed: " + Optional.ofNullable(e.getMessage()).orElse(e.toString()), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JWKSetRetrievalException("interrupted while fetching it", e);
      }
    }

    @Override
    public void close() {}
  }
}
