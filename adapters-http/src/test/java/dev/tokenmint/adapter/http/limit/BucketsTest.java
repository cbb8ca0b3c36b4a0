package dev.tokenmint.adapter.http.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.workspace.RateLimit;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BucketsTest {

  private final AtomicLong nanos = new AtomicLong();
  private final Buckets buckets =
      new Buckets(
          new TimeMeter() {
            @Override
            public long currentTimeNanos() {
              return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
              return false;
            }
          });

  @Test
  void a_client_spraying_from_ever_new_addresses_keeps_the_count_bounded() {
    RateLimit limit = new RateLimit(20);
    int most = 0;

    for (int i = 0; i < 200_000; i++) {
      nanos.addAndGet(1_000_000); // a thousand new addresses a second, each failing once
      buckets
          .obtain("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), limit)
          .tryConsume(1);
      most = Math.max(most, buckets.size());
    }

    // Each bucket is full again 50 ms after its one failure, so sweeps drop nearly all of them.
    assertThat(most).isLessThanOrEqualTo(2 * Buckets.SWEEP_FLOOR);
  }

  @Test
  void never_more_than_the_maximum_even_when_every_bucket_is_in_use() {
    RateLimit limit = new RateLimit(20);
    int most = 0;

    for (int i = 0; i < 3 * Buckets.MAX_BUCKETS; i++) {
      buckets.obtain("client-" + i, limit).tryConsume(1); // time stands still: none refills
      most = Math.max(most, buckets.size());
    }

    assertThat(most).isLessThanOrEqualTo(Buckets.MAX_BUCKETS);
  }

  @Test
  void a_sweep_keeps_a_bucket_in_use_and_its_count() {
    buckets.obtain("sprayer", new RateLimit(1)).tryConsume(1);

    RateLimit fast = new RateLimit(RateLimit.MAX_PER_SECOND);
    for (int i = 0; i < 4 * Buckets.SWEEP_FLOOR; i++) {
      nanos.addAndGet(10); // each of these is full again after a nanosecond
      buckets.obtain("client-" + i, fast).tryConsume(1);
    }

    assertThat(buckets.size()).isLessThan(2 * Buckets.SWEEP_FLOOR);
    assertThat(buckets.find("sprayer")).isNotNull();
    assertThat(buckets.find("sprayer").tryConsume(1)).isFalse();
  }

  @Test
  void a_changed_limit_gets_a_new_bucket_of_its_own_size() {
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.obtain("credential", new RateLimit(3)).tryConsume(1)).isTrue();
    }
    assertThat(buckets.obtain("credential", new RateLimit(3)).tryConsume(1)).isFalse();

    assertThat(buckets.obtain("credential", new RateLimit(5)).getAvailableTokens()).isEqualTo(5);
  }
}
