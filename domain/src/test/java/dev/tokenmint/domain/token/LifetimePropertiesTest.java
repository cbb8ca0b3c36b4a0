package dev.tokenmint.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** A token never outlives its profile's cap. */
class LifetimePropertiesTest {

  private static final long TEN_YEARS = 10L * 366 * 24 * 3600;

  @Property
  void a_token_never_outlives_its_cap_nor_the_requested_expiry(
      @ForAll("instants") Instant now,
      @ForAll("requests") Optional<Instant> requested,
      @ForAll @LongRange(min = 1, max = TEN_YEARS) long capSeconds) {
    Lifetime lifetime = Lifetime.ofSeconds(capSeconds);
    Instant cap = now.plusSeconds(capSeconds);

    Instant expiresAt = lifetime.expiresAt(now, requested);

    assertThat(expiresAt).isBeforeOrEqualTo(cap);
    requested.ifPresent(r -> assertThat(expiresAt).isBeforeOrEqualTo(r));
    Instant earliest = requested.filter(r -> r.isBefore(cap)).orElse(cap);
    assertThat(expiresAt).isEqualTo(earliest);
  }

  @Property
  void a_profile_token_never_outlives_the_profile_cap_however_the_profile_was_built(
      @ForAll("instants") Instant now,
      @ForAll("requests") Optional<Instant> requested,
      @ForAll @LongRange(min = 1, max = TEN_YEARS) long configuredSeconds) {
    Lifetime configured = Lifetime.ofSeconds(configuredSeconds);

    Instant velt = new VeltProfile(configured).lifetime().expiresAt(now, requested);
    Instant datafor = new DataforProfile(configured).lifetime().expiresAt(now, requested);

    assertThat(velt).isBeforeOrEqualTo(now.plus(Duration.ofHours(48)));
    assertThat(velt).isBeforeOrEqualTo(now.plusSeconds(configuredSeconds));
    assertThat(datafor).isBeforeOrEqualTo(now.plusSeconds(86_400));
    assertThat(datafor).isBeforeOrEqualTo(now.plusSeconds(configuredSeconds));
  }

  @Property
  void shortening_takes_the_shorter_and_never_lengthens(
      @ForAll @LongRange(min = 1, max = TEN_YEARS) long capSeconds,
      @ForAll @LongRange(min = 1, max = TEN_YEARS) long limitSeconds) {
    Lifetime shortened =
        Lifetime.ofSeconds(capSeconds).shortenedTo(Duration.ofSeconds(limitSeconds));

    assertThat(shortened.seconds()).isEqualTo(Math.min(capSeconds, limitSeconds));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(0, 253_402_300_799L)
        .map(Instant::ofEpochSecond)
        .flatMap(
            at -> Arbitraries.integers().between(0, 999_999_999).map(nanos -> at.plusNanos(nanos)));
  }

  @Provide
  Arbitrary<Optional<Instant>> requests() {
    return instants().optional(0.8);
  }
}
