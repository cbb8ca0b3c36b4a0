package dev.tokenmint.adapter.http.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void an_ipv4_client_counts_by_its_address() {
    assertThat(RateLimiter.client("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(RateLimiter.client("192.0.2.8")).isNotEqualTo(RateLimiter.client("192.0.2.7"));
  }

  @Test
  void an_ipv6_client_counts_by_its_64_bit_prefix_however_it_is_written() {
    String one = RateLimiter.client("[2001:db8:1:2:3:4:5:6]");

    assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(RateLimiter.client("[2001:db8:1:2:ffff::1]")).isEqualTo(one);
    assertThat(RateLimiter.client("2001:0db8:0001:0002::9")).isEqualTo(one);
    assertThat(RateLimiter.client("[2001:db8:1:3::1]")).isNotEqualTo(one);
    assertThat(RateLimiter.client("[fe80::1%eth0]")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
  }

  @Test
  void an_ipv4_client_on_a_dual_stack_socket_counts_as_ipv4() {
    assertThat(RateLimiter.client("[::ffff:192.0.2.7]")).isEqualTo("192.0.2.7");
  }

  @Test
  void an_address_that_is_not_a_literal_counts_as_written_and_is_never_looked_up() {
    assertThat(RateLimiter.client("[::zz]")).isEqualTo("[::zz]");
    assertThat(RateLimiter.client("unix:/run/tokenmint.sock"))
        .isEqualTo("unix:/run/tokenmint.sock");
  }
}
