package dev.tokenmint.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Time ranges of the audit filter. */
class AuditFilterPropertiesTest {

  private static AuditFilter between(long since, long until) {
    return new AuditFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(Instant.ofEpochMilli(since)),
        Optional.of(Instant.ofEpochMilli(until)));
  }

  @Property
  void two_adjacent_ranges_select_each_event_of_their_union_exactly_once(
      @ForAll @LongRange(min = 0, max = 10_000) long start,
      @ForAll @LongRange(min = 0, max = 10_000) long firstLength,
      @ForAll @LongRange(min = 0, max = 10_000) long secondLength,
      @ForAll @LongRange(min = 0, max = 40_000) long at) {
    long middle = start + firstLength;
    long end = middle + secondLength;
    AuditEvent event = AuditEvent.of(Instant.ofEpochMilli(at), "ws", "cli", AuditKind.KEY_ROTATED);

    int selected =
        (between(start, middle).matches(event) ? 1 : 0)
            + (between(middle, end).matches(event) ? 1 : 0);

    assertThat(selected).isEqualTo(at >= start && at < end ? 1 : 0);
  }

  /** Around the limit, of one- and two-unit characters, so that the cut falls on either. */
  @Provide
  Arbitrary<String> nearTheLimit() {
    return Arbitraries.of("a", "é", "\uD83D\uDE00")
        .list()
        .ofMinSize(AuditEvent.MAX_DETAIL_LENGTH / 2)
        .ofMaxSize(AuditEvent.MAX_DETAIL_LENGTH + 10)
        .map(parts -> String.join("", parts));
  }

  @Property
  void a_clipped_detail_fits_starts_as_the_text_and_keeps_every_character_whole(
      @ForAll("nearTheLimit") String text) {
    String clipped = AuditEvent.clip(text);

    assertThat(clipped.length()).isLessThanOrEqualTo(AuditEvent.MAX_DETAIL_LENGTH);
    if (text.length() <= AuditEvent.MAX_DETAIL_LENGTH) {
      assertThat(clipped).isEqualTo(text);
      return;
    }
    String kept = clipped.substring(0, clipped.length() - 1);
    assertThat(clipped).endsWith("…");
    assertThat(text).startsWith(kept);
    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
  }
}
