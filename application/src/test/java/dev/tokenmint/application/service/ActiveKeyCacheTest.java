package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.FixedKeyGenerator;
import dev.tokenmint.application.fixture.MutableClock;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ActiveKeyCacheTest {

  private static final Duration CACHE = Duration.ofSeconds(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FixedKeyGenerator generator = new FixedKeyGenerator();
  // The database both instances share; reads of the active key counted.
  private final InMemoryKeyRing database = new InMemoryKeyRing();
  private final AtomicInteger activeKeyReads = new AtomicInteger();
  private final KeyRing counted =
      new KeyRing() {
        @Override
        public Optional<SigningKey> activeKey(String workspaceId) {
          activeKeyReads.incrementAndGet();
          return database.activeKey(workspaceId);
        }

        @Override
        public List<SigningKey> keys(String workspaceId) {
          return database.keys(workspaceId);
        }

        @Override
        public void activate(String workspaceId, SigningKey key) {
          database.activate(workspaceId, key);
        }
      };

  private SigningKey newKey() {
    return generator.generate(SigningAlgorithm.ES256, clock.instant());
  }

  @Test
  void an_activation_committed_after_it_returned_is_signed_with_once_forgotten() {
    SigningKey first = newKey();
    database.activate("ws", first);
    ActiveKeyCache cache = new ActiveKeyCache(counted, clock, CACHE);
    // The activation through the cache happens inside a transaction not yet committed: a read
    // meanwhile still sees (and remembers) the first key...
    SigningKey second = newKey();
    cache.activate("other", second);
    assertThat(cache.activeKey("ws")).contains(first);
    // ...the transaction commits, and the caller forgets what was read before it.
    database.activate("ws", second);
    cache.forget("ws");

    assertThat(cache.activeKey("ws")).contains(second);
  }

  @Test
  void reads_the_active_key_once_per_cache_period() {
    SigningKey first = newKey();
    database.activate("ws", first);
    ActiveKeyCache cache = new ActiveKeyCache(counted, clock, CACHE);

    assertThat(cache.activeKey("ws")).contains(first);
    clock.advance(CACHE.minusMillis(1));
    assertThat(cache.activeKey("ws")).contains(first);
    assertThat(activeKeyReads).hasValue(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(cache.activeKey("ws")).contains(first);
    assertThat(activeKeyReads).hasValue(2);
  }

  @Test
  void a_key_activated_elsewhere_is_signed_with_within_the_cache_period() {
    SigningKey first = newKey();
    database.activate("ws", first);
    ActiveKeyCache thisInstance = new ActiveKeyCache(counted, clock, CACHE);
    assertThat(thisInstance.activeKey("ws")).contains(first);

    SigningKey second = newKey();
    database.activate("ws", second); // another instance, or the command line, rotates

    assertThat(thisInstance.activeKey("ws"))
        .as("the remembered key, still published")
        .contains(first);
    assertThat(database.keys("ws")).extracting(SigningKey::kid).contains(first.kid());
    clock.advance(CACHE);
    assertThat(thisInstance.activeKey("ws")).map(SigningKey::kid).contains(second.kid());
  }

  @Test
  void a_key_activated_through_this_instance_is_signed_with_at_once() {
    SigningKey first = newKey();
    database.activate("ws", first);
    ActiveKeyCache cache = new ActiveKeyCache(counted, clock, CACHE);
    assertThat(cache.activeKey("ws")).contains(first);

    SigningKey second = newKey();
    cache.activate("ws", second);
    assertThat(cache.activeKey("ws")).map(SigningKey::kid).contains(second.kid());

    SigningKey third = newKey();
    cache.uncached().activate("ws", third); // as the key service rotates
    assertThat(cache.activeKey("ws")).map(SigningKey::kid).contains(third.kid());
  }

  @Test
  void the_uncached_view_and_the_key_list_read_the_ring_every_time() {
    database.activate("ws", newKey());
    ActiveKeyCache cache = new ActiveKeyCache(counted, clock, CACHE);
    cache.activeKey("ws");
    SigningKey second = newKey();
    database.activate("ws", second);

    assertThat(cache.uncached().activeKey("ws")).map(SigningKey::kid).contains(second.kid());
    assertThat(cache.keys("ws")).extracting(SigningKey::kid).first().isEqualTo(second.kid());
    assertThat(cache.uncached().keys("ws")).hasSize(2);
  }

  @Test
  void a_workspace_without_an_active_key_is_not_remembered() {
    ActiveKeyCache cache = new ActiveKeyCache(counted, clock, CACHE);
    assertThat(cache.activeKey("ws")).isEmpty();

    SigningKey first = newKey();
    database.activate("ws", first); // another instance makes the workspace's first key
    assertThat(cache.activeKey("ws")).contains(first);
  }

  @Test
  void zero_reads_the_ring_for_every_token() {
    database.activate("ws", newKey());
    ActiveKeyCache cache = new ActiveKeyCache(counted, clock, Duration.ZERO);
    cache.activeKey("ws");
    SigningKey second = newKey();
    database.activate("ws", second);

    assertThat(cache.activeKey("ws")).map(SigningKey::kid).contains(second.kid());
    assertThat(activeKeyReads).hasValue(2);
  }

  @Test
  void workspaces_are_remembered_apart() {
    SigningKey a = newKey();
    SigningKey b = newKey();
    database.activate("a", a);
    database.activate("b", b);
    ActiveKeyCache cache = new ActiveKeyCache(counted, clock, CACHE);

    assertThat(cache.activeKey("a")).contains(a);
    assertThat(cache.activeKey("b")).contains(b);
    cache.activate("a", newKey());
    assertThat(cache.activeKey("b")).contains(b);
    assertThat(activeKeyReads).hasValue(2);
  }

  @Test
  void a_negative_period_is_refused() {
    assertThatThrownBy(() -> new ActiveKeyCache(counted, clock, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
