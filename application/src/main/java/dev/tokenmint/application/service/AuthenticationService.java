package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.Authenticate;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.Remedy;
import dev.tokenmint.domain.failure.UnauthenticatedException;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates an API key and auth token pair: the token's SHA-256 finds the credential, which
 * must belong to the workspace of the API key and not be revoked.
 *
 * <p>A pair that authenticated is remembered for {@code cacheFor}, so a busy caller costs the
 * stores one lookup per period rather than two per request. The price: a credential revoked (on any
 * instance, or by the command line) is refused by this instance within {@code cacheFor}, not at
 * once. Only successes are remembered, by the pair's API key and token hash, never the token.
 */
public final class AuthenticationService implements Authenticate {

  static final String MISSING = "missing credentials";
  static final String INVALID = "invalid credentials";

  /** How long an authenticated pair is remembered unless configured otherwise. */
  public static final Duration DEFAULT_CACHE_FOR = Duration.ofSeconds(1);

  /** Most pairs remembered; past it the memory starts over (there are few live credentials). */
  static final int MAX_REMEMBERED = 10_000;

  private final WorkspaceStore workspaces;
  private final CredentialStore credentials;
  private final Clock clock;
  private final Duration cacheFor;
  private final Map<Pair, Remembered> remembered = new ConcurrentHashMap<>();

  /**
   * A service reading the given stores, remembering each authenticated pair for {@code cacheFor} on
   * {@code clock} ({@link Duration#ZERO}: never).
   *
   * @throws IllegalArgumentException when {@code cacheFor} is negative
   */
  public AuthenticationService(
      WorkspaceStore workspaces, CredentialStore credentials, Clock clock, Duration cacheFor) {
    if (cacheFor.isNegative()) {
      throw new IllegalArgumentException("cacheFor must not be negative");
    }
    this.workspaces = workspaces;
    this.credentials = credentials;
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  @Override
  public Caller authenticate(Optional<String> apiKey, Optional<String> authToken) {
    if (apiKey.filter(k -> !k.isEmpty()).isEmpty()
        || authToken.filter(t -> !t.isEmpty()).isEmpty()) {
      throw new UnauthenticatedException(MISSING, Remedy.SEND_CREDENTIALS);
    }
    TokenHash presented = TokenHash.of(authToken.get());
    Pair pair = new Pair(apiKey.get(), presented.toHex());
    Instant now = clock.instant();
    Remembered known = remembered.get(pair);
    if (known != null && known.coversAt(now, cacheFor)) {
      return known.caller();
    }
    Caller caller = lookUp(apiKey.get(), presented);
    if (!cacheFor.isZero()) {
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.clear();
      }
      remembered.put(pair, new Remembered(caller, now.plus(cacheFor)));
    }
    return caller;
  }

  private Caller lookUp(String apiKey, TokenHash presented) {
    Optional<Credential> credential = credentials.findByTokenHash(presented);
    Optional<Workspace> workspace = workspaces.findByApiKey(apiKey);
    if (credential.isEmpty()
        || workspace.isEmpty()
        || !credential.get().tokenHash().matches(presented)
        || !credential.get().workspaceId().equals(workspace.get().id())
        || credential.get().revoked()) {
      throw new UnauthenticatedException(INVALID);
    }
    return new Caller(workspace.get(), credential.get().id(), credential.get().role());
  }

  private record Pair(String apiKey, String tokenHash) {}

  private record Remembered(Caller caller, Instant until) {
    /**
     * Within the period that ends at {@code until}. A clock set back (NTP) ends it too, so a
     * revoked credential never outlives the period by the size of the step.
     */
    boolean coversAt(Instant now, Duration period) {
      return now.isBefore(until) && !now.isBefore(until.minus(period));
    }
  }
}
