package dev.tokenmint.adapter.http.limit;

import dev.tokenmint.adapter.http.limit.RateLimited.Limit;
import dev.tokenmint.application.port.in.ExchangeToken;
import dev.tokenmint.application.port.in.ManageRateLimits;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Counts requests against the rate limits {@link ManageRateLimits} says apply, in token buckets
 * (bucket4j) held by this instance: one per credential, and one per client address for failed
 * authentications. Only routes that take a credential are counted; the JWKS, health, metrics and
 * documentation routes never are.
 *
 * <p>The client address is the connection's peer, never {@code X-Forwarded-For}: anyone can write
 * that header, so trusting it would let a sprayer pick a fresh address for every attempt
 * (docs/operations.md says what to do behind a proxy). An IPv6 client counts by its /64, which one
 * host or subscriber usually holds whole.
 */
public final class RateLimiter {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ManageRateLimits limits;
  private final Consumer<Limit> onRefusal;
  private final Buckets credentials;
  private final Buckets clients;

  /**
   * A limiter applying {@code limits}, reading time from {@code nanoTime} (nanoseconds from any
   * origin, never going back: {@code System::nanoTime}; a wall clock stepped back would stop the
   * buckets' refill for as long as the step), telling {@code onRefusal} of every request refused.
   */
  public RateLimiter(ManageRateLimits limits, LongSupplier nanoTime, Consumer<Limit> onRefusal) {
    this.limits = limits;
    this.onRefusal = onRefusal;
    TimeMeter time = new Ticker(nanoTime);
    this.credentials = new Buckets(time);
    this.clients = new Buckets(time);
  }

  /**
   * Refuses a client whose failed authentications have used up its allowance, before its credential
   * is even looked at: a right credential is refused too until the bucket refills, so a client
   * guessing credentials cannot tell a hit from a miss any faster than the limit.
   *
   * @throws RateLimited when the client is over the limit
   */
  public void checkClient(String remoteAddress) {
    RateLimit limit = limits.failedAuthentications();
    if (!limit.limits()) {
      return;
    }
    Bucket bucket = clients.find(client(remoteAddress));
    if (bucket == null) {
      return;
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    if (!probe.canBeConsumed()) {
      throw refuse(
          Limit.AUTH_FAILURE,
          probe.getNanosToWaitForRefill(),
          "rate limit of "
              + limit.perSecond()
              + (limit.perSecond() == 1 ? " failed authentication" : " failed authentications")
              + " per second for this client address exceeded");
    }
  }

  /** Counts a failed authentication from {@code remoteAddress}. */
  public void failedFrom(String remoteAddress) {
    RateLimit limit = limits.failedAuthentications();
    if (limit.limits()) {
      clients.obtain(client(remoteAddress), limit).tryConsume(1);
    }
  }

  /**
   * Counts a request of {@code caller}'s credential.
   *
   * @throws RateLimited when the credential is over its limit
   */
  public void admit(Caller caller) {
    RateLimit limit = limits.perCredential(caller);
    if (!limit.limits()) {
      return;
    }
    ConsumptionProbe probe =
        credentials.obtain(caller.credentialId(), limit).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw refuse(
          Limit.CREDENTIAL,
          probe.getNanosToWaitForRefill(),
          "rate limit of " + limit.describe() + " for this credential exceeded");
    }
  }

  /**
   * Counts a token exchange of {@code subject}'s family (the minted token it descends from and
   * every token exchanged from that one) against its workspace's per-credential limit: the subject
   * token is the exchange's credential, and a chain of exchanges shares one allowance.
   *
   * @throws RateLimited when the family is over the limit
   */
  public void admit(ExchangeToken.Subject subject) {
    RateLimit limit = limits.perCredential(subject.workspace());
    if (!limit.limits()) {
      return;
    }
    String family = "exchange:" + subject.workspace().id() + ":" + subject.rootJti();
    ConsumptionProbe probe = credentials.obtain(family, limit).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw refuse(
          Limit.TOKEN_FAMILY,
          probe.getNanosToWaitForRefill(),
          "rate limit of " + limit.describe() + " for exchanges of this token's family exceeded");
    }
  }

  private RateLimited refuse(Limit limit, long nanosToWait, String what) {
    // Retry-After is in whole seconds: rounded up, so that a client waiting that long is served.
    long seconds = Math.max(1, (nanosToWait + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    onRefusal.accept(limit);
    return new RateLimited(limit, seconds, what + "; retry after " + seconds + " s");
  }

  /**
   * The key of a client: its IPv4 address, or the /64 of its IPv6 address (Jetty writes IPv6
   * addresses in brackets). Anything else counts as written.
   */
  static String client(String remoteAddress) {
    if (remoteAddress.indexOf(':') < 0) {
      return remoteAddress;
    }
    String literal = remoteAddress.startsWith("[") ? remoteAddress : "[" + remoteAddress + "]";
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone) + "]";
    }
    try {
      // A bracketed literal is parsed, never looked up: a malformed one throws.
      InetAddress address = InetAddress.getByName(literal);
      byte[] bytes = address.getAddress();
      if (bytes.length == 4) {
        return address.getHostAddress(); // an IPv4 client on a dual-stack socket
      }
      Arrays.fill(bytes, 8, 16, (byte) 0);
      return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return remoteAddress;
    }
  }

  /** bucket4j's time source over a monotonic nanosecond supplier. */
  private record Ticker(LongSupplier nanoTime) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return nanoTime.getAsLong();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }
}
