package dev.tokenmint.adapter.crypto;

import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessPolicy;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.SignatureCheck;
import dev.tokenmint.domain.verification.VerificationPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Verifies tokenmint's Velt tokens inside a resource server, against the issuer's published JWKS,
 * with no HTTP server and no database: the embedder's entry point (see {@code docs/embedding.md}).
 *
 * <p>A token is verified by the same {@link VerificationPolicy} as tokenmint's own verify_token:
 * size; form, header and signature ({@link NimbusTokenVerifier}) under a key of the JWKS; then the
 * claims ({@link dev.tokenmint.domain.verification.ClaimRules}): the claims every Velt token
 * carries ({@code sub}, {@code jti}, {@code iat}, and grants that read exactly), its lifetime
 * ({@code exp}, {@code nbf}, {@code iat}, with the clock skew either way, never longer than a Velt
 * token lives), the expected issuer and audience; last, when the builder was given a revocation
 * source ({@link Builder#revocations}), the token's {@code jti} and those of every token it was
 * exchanged from ({@link dev.tokenmint.domain.token.Lineage}): revoking a token refuses it and
 * every token exchanged from it, whatever the generation. Without a source nothing is revoked.
 *
 * <p>Built from a JWKS URL, the key set is kept by Nimbus's JWK source machinery: fetched at first
 * use and cached for {@link Builder#maxAge} (so a withdrawn key stops verifying); fetched again
 * when a token names a {@code kid} the cached set lacks (a rotation); never more than twice per
 * {@link Builder#refetchInterval}, however many unknown {@code kid}s arrive, so tokens cannot be
 * used to hammer the issuer. When a fetch fails the cached set stays in use. Thread-safe.
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

  /** The window in which a JWKS URL is fetched at most twice, unless configured otherwise. */
  public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(30);

  /** How long a fetched key set is used before it is fetched again, unless configured otherwise. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  /** The largest token verified unless configured otherwise (docs/api.md, limits): 128 KiB. */
  public static final int DEFAULT_MAX_TOKEN_BYTES = 128 * 1024;

  private final NimbusTokenVerifier verifier;
  private final VerificationPolicy policy;
  private final Set<SigningAlgorithm> allowed;
  private final Clock clock;
  private final JwksKeySource keys;
  private final Predicate<String> revoked;

  private JwksTokenVerifier(Builder builder, JwksKeySource keys) {
    this.verifier =
        NimbusTokenVerifier.forPublicKeys(
            builder.providers.orElseGet(() -> CryptoProviders.fastest(true)));
    this.policy =
        new VerificationPolicy(
            builder.issuer, builder.audience, builder.clockSkew, builder.maxTokenBytes);
    this.allowed = Set.copyOf(builder.allowed);
    this.clock = builder.clock;
    this.keys = keys;
    this.revoked = builder.revoked;
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
   *     set was ever read; at most two attempts are made per refetch interval)
   * @throws RuntimeException whatever the revocation source throws, unchanged
   */
  public TokenVerification verify(String token) {
    Instant now = clock.instant();
    return TokenVerification.of(
        policy.verify(token, now, candidate -> signature(candidate, now), revoked));
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

  /**
   * The signature step: {@code token} against the key set in hand and, when it names a key the set
   * lacks, once more against a newer set (a rotation), if one can be had.
   */
  private SignatureCheck signature(String token, Instant now) {
    JwksKeySource.KeySet inHand = keys.current(now);
    SignatureCheck check = verifier.check(token, inHand.keys(), allowed);
    if (!(check instanceof Refused refused && refused.rejection() == Rejection.UNKNOWN_KEY)) {
      return check;
    }
    return keys.newerThan(inHand, now)
        .map(newer -> verifier.check(token, newer.keys(), allowed))
        .orElse(check);
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
    private Predicate<String> revoked = jti -> false;

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
     * The window of the JWKS URL's rate limit (default 30 s): at most two fetches in it, however
     * many tokens name an unknown {@code kid}. Shorter than {@link #maxAge}.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder refetchInterval(Duration interval) {
      this.refetchInterval = nonNegative("refetch interval", interval);
      return this;
    }

    /**
     * How long a fetched key set is trusted before it is fetched again on the next use (default 5
     * min), so that a key the issuer withdrew stops verifying. When that fetch fails, the set in
     * hand is trusted for another max age. Longer than {@link #refetchInterval}.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxAge(Duration age) {
      this.maxAge = nonNegative("max age", age);
      return this;
    }

    /**
     * The JCA providers that verify signatures; by default {@code CryptoProviders.fastest(true)},
     * which loads ACCP's native library where it runs. {@code CryptoProviders.fastest(false)} keeps
     * the verifier on pure Java.
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
     * Where revoked tokens are known (default: nowhere, nothing is refused as revoked): {@code
     * revoked} answers whether a token id ({@code jti}) is revoked now, e.g. from the embedder's
     * own store of the ids it revoked at tokenmint. It is asked only for a token whose signature
     * and claims hold: for its {@code jti}, then for each of its ancestors' (a token made by token
     * exchange names them, at most four), so a token is {@code revoked} when it or any token it was
     * exchanged from is. Called on the verifying thread, so it must be thread-safe and should be
     * fast; what it throws passes through {@link JwksTokenVerifier#verify} unchanged (throw to fail
     * closed when the store cannot be read).
     */
    public Builder revocations(Predicate<String> revoked) {
      this.revoked = Objects.requireNonNull(revoked, "revoked");
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
     * @throws IllegalStateException when the issuer or the clock is missing, or, from a URL, when
     *     the max age is not longer than the refetch interval
     * @throws IllegalArgumentException when the JSON given is not a JWKS
     */
    public JwksTokenVerifier build() {
      if (issuer == null || issuer.isBlank()) {
        throw new IllegalStateException("the expected issuer is required: call issuer(...)");
      }
      if (clock == null) {
        throw new IllegalStateException("a clock is required: call clock(Clock.systemUTC())");
      }
      JwksKeySource keys =
          url.isPresent()
              ? JwksKeySource.at(
                  url.get(), http.orElseGet(Builder::defaultHttpClient), maxAge, refetchInterval)
              : JwksKeySource.of(json.orElseThrow());
      return new JwksTokenVerifier(this, keys);
    }

    private static HttpClient defaultHttpClient() {
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static Duration nonNegative(String name, Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return value;
    }
  }
}
