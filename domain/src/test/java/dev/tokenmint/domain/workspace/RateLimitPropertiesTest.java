package dev.tokenmint.domain.workspace;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Negative;

class RateLimitPropertiesTest {

  @Property
  void every_rate_from_0_to_the_maximum_is_a_limit_and_only_0_limits_nothing(
      @ForAll @IntRange(min = 0, max = RateLimit.MAX_PER_SECOND) int perSecond) {
    RateLimit limit = new RateLimit(perSecond);

    assertThat(limit.perSecond()).isEqualTo(perSecond);
    assertThat(limit.limits()).isEqualTo(perSecond != 0);
  }

  @Property
  void a_negative_rate_is_refused_naming_the_field_and_the_range(@ForAll @Negative int perSecond) {
    assertThat(violationsOf(() -> new RateLimit(perSecond)))
        .containsExactly(new Violation("perSecond", "must be 0 (no limit) to 1000000000"));
  }

  @Property
  void a_rate_above_the_maximum_is_refused(
      @ForAll @IntRange(min = RateLimit.MAX_PER_SECOND + 1, max = Integer.MAX_VALUE)
          int perSecond) {
    assertThat(violationsOf(() -> new RateLimit(perSecond)))
        .extracting(Violation::field)
        .containsExactly("perSecond");
  }

  @Example
  void describes_itself_in_words_with_the_singular_for_one() {
    assertThat(new RateLimit(50).describe()).isEqualTo("50 requests per second");
    assertThat(new RateLimit(1).describe()).isEqualTo("1 request per second");
    assertThat(RateLimit.NONE.describe()).isEqualTo("no limit");
  }
}
