package dev.tokenmint.adapter.crypto;

import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessPolicy;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltClaims;
import dev.tokenmint.domain.verification.ClaimRules;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.SignatureCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Verifies tokenmint's Velt tokens inside a resource server, against the issuer's published JWKS,
 * with no HTTP server and no database: the embedder's entry point (see {@code docs/embedding.md}).
 *
 * <p>A token is verified when its form, header and signature pass {@link NimbusTokenVerifier}'s
 * checks under a key of the JWKS, and its claims pass {@link ClaimRules} — the same rules, in the
 * same order, as tokenmint's own verify_token: the claims every Velt token carries (its {@code
 * sub}, {@code jti}, {@code iat}, and grants that read exactly), its lifetime ({@code exp}, {@code
 * nbf}, {@code iat}, with the clock skew either way, never longer than a Velt token lives), the
 * expected issuer and audience. Revocation is not checked: it lives in tokenmint's database (ask
 * {@code POST /v2/auth/verify_token} when it matters).
 *
 * <p>Built from a JWKS URL, the key set is fetched at first use and cached. It is fetched again
 * when a token names a {@code kid} the cached set lacks (a rotation), and on the first use after
 * {@link Builder#maxAge} (so a withdrawn key stops verifying); never more than once per {@link
 * Builder#refetchInterval}, however many unknown {@code kid}s arrive, so tokens cannot be used to
 * hammer the issuer. When a refetch fails the cached set stays in use. Thread-safe.
 */
public final class JwksTokenVerifier {

  /** The algorithms accepted unless configured otherwise: every asymmetric one tokenmint signs. */
  public static final Set<SigningAlgorithm> DEFAULT_ALGORITHMS =
      Set.of(
          SigningAlgorithm.ES256,
          SigningAlgorithm.EDDSA,
          SigningAlgorithm.RS256,
          SigningAlgorithm.PS256);

  /** The clock skew tolerated either way on token times unless configured otherwise. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** The least time between two fetches of a JWKS URL unless configured otherwise. */
  public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(30);

  /** How long a fetched key set is used before it is fetched again, unless configured otherwise. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  /** The largest token verified unless configured otherwise (docs/api.md, limits): 128 KiB. */
  public static final int DEFAULT_MAX_TOKEN_BYTES = 128 * 1024;

  /** The largest JWKS document read from a URL. */
  static final int MAX_JWKS_BYTES = 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(JwksTokenVerifier.class.getName());

  private final NimbusTokenVerifier verifier;
  private final Optional<URI> url;
  private final HttpClient http;
  private final String issuer;
  private final Optional<String> audience;
  private final Set<SigningAlgorithm> allowed;
  private final Duration clockSkew;
  private final Clock clock;
  private final Duration refetchInterval;
  private final Duration maxAge;
  private final int maxTokenBytes;

  private final ReentrantLock fetching = new ReentrantLock();
  private volatile Optional<KeySet> keySet;
  private Optional<Instant> lastFetchAttempt = Optional.empty(); // guarded by fetching

  /** The keys in use and when they were read. */
  private record KeySet(List<SigningKey> keys, Instant readAt) {}

  private JwksTokenVerifier(Builder builder, Optional<KeySet> initial) {
    this.verifier =
        NimbusTokenVerifier.forPublicKeys(
            builder.providers.orElseGet(() -> CryptoProviders.fastest(true)));
    this.url = builder.url;
    this.http = builder.http.orElseGet(JwksTokenVerifier::defaultHttpClient);
    this.issuer = builder.issuer;
    this.audience = builder.audience;
    this.allowed = Set.copyOf(builder.allowed);
    this.clockSkew = builder.clockSkew;
    this.clock = builder.clock;
    this.refetchInterval = builder.refetchInterval;
    this.maxAge = builder.maxAge;
    this.maxTokenBytes = builder.maxTokenBytes;
    this.keySet = initial;
  }

  /**
   * A builder for a verifier trusting the keys of the JWKS document {@code jwksJson}, which never
   * changes.
   *
   * @throws IllegalArgumentException when {@code jwksJson} is not a JWKS
   */
  public static Builder fromJson(String jwksJson) {
    Objects.requireNonNull(jwksJson, "jwksJson");
    return new Builder(Optional.empty(), Optional.of(jwksJson));
  }

  /**
   * A builder for a verifier trusting the JWKS served at {@code jwksUrl} ({@code http} or {@code
   * https}), e.g. {@code https://tokens.example.com/.well-known/jwks.json}.
   *
   * @throws IllegalArgumentException when the URL is not absolute http or https
   */
  public static Builder fromUrl(URI jwksUrl) {
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    String scheme = jwksUrl.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("the JWKS URL must be http or https, got " + jwksUrl);
    }
    return new Builder(Optional.of(jwksUrl), Optional.empty());
  }

  /**
   * Verifies {@code token} now, by the verifier's clock. Never throws for any token string.
   *
   * @throws UnavailableException when built from a URL whose JWKS could not be fetched yet (no key
   *     set was ever read; the next attempt comes after the refetch interval)
   */
  public TokenVerification verify(String token) {
    if (token != null && token.length() > maxTokenBytes) {
      return new TokenVerification.Refused(
          Rejection.TOO_LARGE, "larger than the limit of " + maxTokenBytes + " bytes");
    }
    Instant now = clock.instant();
    KeySet used = keysAt(now);
    SignatureCheck check = verifier.check(token, used.keys(), allowed);
    if (unknownKey(check) && url.isPresent()) {
      Optional<KeySet> rotated = newerThan(Optional.of(used), now);
      if (rotated.isPresent()) {
        check = verifier.check(token, rotated.get().keys(), allowed);
      }
    }
    if (check instanceof SignatureCheck.Invalid invalid) {
      return new TokenVerification.Refused(invalid.rejection(), invalid.detail());
    }
    SignatureCheck.Valid valid = (SignatureCheck.Valid) check;
    TokenClaims claims = valid.claims();
    Optional<SignatureCheck.Invalid> broken =
        ClaimRules.check(claims, now, clockSkew, issuer, audience);
    if (broken.isPresent()) {
      return new TokenVerification.Refused(broken.get().rejection(), broken.get().detail());
    }
    // ClaimRules requires sub and exp of their types and grants that read.
    String userId = (String) claims.get("sub").orElseThrow();
    GrantSet grants = VeltClaims.grantsOf(claims);
    Instant expiresAt = Instant.ofEpochSecond((Long) claims.get("exp").orElseThrow());
    return new TokenVerification.Verified(userId, grants, claims, valid.kid(), expiresAt);
  }

  /**
   * Whether the verified token's user may act as {@code required} ({@code viewer} or {@code
   * editor}) on {@code target} now, by the access rule of {@link
   * dev.tokenmint.domain.access.AccessPolicy} (the most specific unexpired grant decides; {@code
   * editor} includes {@code viewer}; no grant, no access): the deciding grant, or why not.
   */
  public AccessDecision checkAccess(
      TokenVerification.Verified token, AccessTarget target, AccessRole required) {
    return AccessPolicy.check(token.grants(), target, required, clock.instant());
  }

  /**
   * The verified token's user's effective access on {@code target} now: the deciding grant (whose
   * role is the effective role), or why there is none.
   */
  public AccessDecision effectiveAccess(TokenVerification.Verified token, AccessTarget target) {
    return AccessPolicy.effectiveAccess(token.grants(), target, clock.instant());
  }

  private static boolean unknownKey(SignatureCheck check) {
    return check instanceof SignatureCheck.Invalid invalid
        && invalid.rejection() == Rejection.UNKNOWN_KEY;
  }

  /** The key set to use at {@code now}: the cached one, fetched first when missing or old. */
  private KeySet keysAt(Instant now) {
    Optional<KeySet> current = keySet;
    if (current.isEmpty()) {
      return newerThan(current, now)
          .orElseThrow(
              () ->
                  new UnavailableException(
                      "the JWKS at "
                          + url.orElseThrow()
                          + " could not be fetched yet; the next attempt comes "
                          + refetchInterval.toSeconds()
                          + " s after the last"));
    }
    if (url.isPresent() && !now.isBefore(current.get().readAt().plus(maxAge))) {
      // Best effort: when another thread is already fetching, go on with the set in hand.
      if (fetching.tryLock()) {
        try {
          return fetchIfDue(now).orElse(current.get());
        } finally {
          fetching.unlock();
        }
      }
    }
    return current.get();
  }

  /**
   * A key set newer than {@code seen}: one another thread fetched meanwhile (this waits for a fetch
   * under way), or one fetched now if the refetch interval allows; empty when there is none.
   */
  private Optional<KeySet> newerThan(Optional<KeySet> seen, Instant now) {
    fetching.lock();
    try {
      Optional<KeySet> latest = keySet;
      if (latest.isPresent() && (seen.isEmpty() || latest.get() != seen.get())) {
        return latest;
      }
      return fetchIfDue(now);
    } finally {
      fetching.unlock();
    }
  }

  /** Fetches and installs the set unless a fetch was attempted within the interval. Locked. */
  private Optional<KeySet> fetchIfDue(Instant now) {
    if (lastFetchAttempt.isPresent()
        && now.isBefore(lastFetchAttempt.get().plus(refetchInterval))) {
      return Optional.empty();
    }
    lastFetchAttempt = Optional.of(now);
    try {
      KeySet fetched = new KeySet(JwksKeys.parse(fetch(url.orElseThrow()), now), now);
      keySet = Optional.of(fetched);
      return Optional.of(fetched);
    } catch (UnavailableException | IllegalArgumentException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          keySet.isPresent() ? "{0}; the cached key set stays in use" : "{0}; no key set yet",
          e.getMessage());
      return Optional.empty();
    }
  }

  private String fetch(URI jwksUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(jwksUrl)
            .timeout(Duration.ofSeconds(5))
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new UnavailableException(
              "the JWKS at " + jwksUrl + " answered HTTP " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(MAX_JWKS_BYTES + 1);
        if (bytes.length > MAX_JWKS_BYTES) {
          throw new UnavailableException("the JWKS at " + jwksUrl + " is over 1 MiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UnavailableException("the JWKS at " + jwksUrl + " could not be fetched", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while fetching the JWKS at " + jwksUrl, e);
    }
  }

  private static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Configures a {@link JwksTokenVerifier}. {@link #issuer} and {@link #clock} are required; the
   * rest have the defaults named on {@link JwksTokenVerifier}.
   */
  public static final class Builder {
    private final Optional<URI> url;
    private final Optional<String> json;
    private Optional<HttpClient> http = Optional.empty();
    private String issuer;
    private Optional<String> audience = Optional.empty();
    private Set<SigningAlgorithm> allowed = DEFAULT_ALGORITHMS;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Clock clock;
    private Duration refetchInterval = DEFAULT_REFETCH_INTERVAL;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private int maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES;
    private Optional<CryptoProviders> providers = Optional.empty();

    private Builder(Optional<URI> url, Optional<String> json) {
      this.url = url;
      this.json = json;
    }

    /**
     * The {@code iss} every token must carry, exactly: tokenmint's issuer URL for its default
     * workspace, {@code <issuer>/workspaces/<apiKey>} for the others. Required.
     */
    public Builder issuer(String expectedIssuer) {
      this.issuer = Objects.requireNonNull(expectedIssuer, "expectedIssuer");
      return this;
    }

    /**
     * The audience this resource server is (RFC 7519 §4.1.3): a token must name it in {@code aud}.
     * Unset (the default, and right for tokenmint's own tokens, which carry no {@code aud}), a
     * token that names any audience is refused as {@code wrong_audience}: it was meant for someone
     * else.
     */
    public Builder audience(String expectedAudience) {
      this.audience = Optional.of(Objects.requireNonNull(expectedAudience, "expectedAudience"));
      return this;
    }

    /**
     * The algorithms accepted (default {@link #DEFAULT_ALGORITHMS}).
     *
     * @throws IllegalArgumentException when empty or holding HS256, whose keys are never in a JWKS
     */
    public Builder allowedAlgorithms(Set<SigningAlgorithm> algorithms) {
      if (algorithms.isEmpty() || algorithms.contains(SigningAlgorithm.HS256)) {
        throw new IllegalArgumentException(
            "allowed algorithms must be some of ES256, EdDSA, RS256, PS256; HS256 keys are secret"
                + " and never verify from a JWKS");
      }
      this.allowed = Set.copyOf(EnumSet.copyOf(algorithms));
      return this;
    }

    /**
     * How far token times may be off either way (default 60 s).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = nonNegative("clock skew", skew);
      return this;
    }

    /** The clock that says what "now" is, e.g. {@code Clock.systemUTC()}. Required. */
    public Builder clock(Clock now) {
      this.clock = Objects.requireNonNull(now, "clock");
      return this;
    }

    /**
     * The least time between two fetches of the JWKS URL (default 30 s): a token naming an unknown
     * {@code kid} triggers a refetch only this often.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder refetchInterval(Duration interval) {
      this.refetchInterval = nonNegative("refetch interval", interval);
      return this;
    }

    /**
     * How long a fetched key set is trusted before it is fetched again on the next use (default 5
     * min), so that a key the issuer withdrew stops verifying.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxAge(Duration age) {
      this.maxAge = nonNegative("max age", age);
      return this;
    }

    /**
     * The JCA providers that verify signatures; by default {@code CryptoProviders.fastest(true)},
     * which loads ACCP's native library where it runs. {@code CryptoProviders.fastest(false)}
     * keeps the verifier on pure Java.
     */
    public Builder cryptoProviders(CryptoProviders chosen) {
      this.providers = Optional.of(Objects.requireNonNull(chosen, "providers"));
      return this;
    }

    /** The HTTP client fetching the JWKS URL (proxies, TLS); by default one with a 5 s timeout. */
    public Builder httpClient(HttpClient client) {
      this.http = Optional.of(client);
      return this;
    }

    /**
     * The largest token verified, in bytes (default 128 KiB); larger ones are refused unparsed.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxTokenBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("max token bytes must be positive");
      }
      this.maxTokenBytes = bytes;
      return this;
    }

    /**
     * The verifier. From JSON, the document is read now; from a URL, at the first {@code verify}.
     *
     * @throws IllegalStateException when the issuer or the clock is missing
     * @throws IllegalArgumentException when the JSON given is not a JWKS
     */
    public JwksTokenVerifier build() {
      if (issuer == null || issuer.isBlank()) {
        throw new IllegalStateException("the expected issuer is required: call issuer(...)");
      }
      if (clock == null) {
        throw new IllegalStateException("a clock is required: call clock(Clock.systemUTC())");
      }
      Optional<KeySet> initial =
          json.map(
              document -> new KeySet(JwksKeys.parse(document, clock.instant()), clock.instant()));
      return new JwksTokenVerifier(this, initial);
    }

    private static Duration nonNegative(String name, Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return value;
    }
  }
}
