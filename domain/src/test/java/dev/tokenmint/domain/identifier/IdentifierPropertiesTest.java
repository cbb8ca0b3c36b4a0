package dev.tokenmint.domain.identifier;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The identifier rule over many inputs, code points of every plane included. */
class IdentifierPropertiesTest {

  @Property
  void any_well_formed_id_of_allowed_characters_up_to_the_limit_is_accepted_exactly(
      @ForAll("ids") String id) {
    Violations violations = new Violations();

    assertThat(Identifier.check(violations, "userId", id)).isTrue();
    assertThat(violations.isEmpty()).isTrue();
    User user = new User(id, UserProfile.empty());
    assertThat(user.userId()).isEqualTo(id);
    // Well-formed, so UTF-8 round-trips it: what a store or a token writes is what was given.
    assertThat(new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(id);
    // '*' is reserved in resource ids (prefix grants), so resources take the id without it.
    String resourceId = id.replace('*', '+');
    assertThat(Resource.of("document", resourceId, Optional.of(resourceId)).id())
        .isEqualTo(resourceId);
  }

  @Property
  void any_id_holding_an_unpaired_surrogate_is_refused(
      @ForAll("wellFormed") String before,
      @ForAll("surrogates") char lone,
      @ForAll("wellFormed") String after) {
    String id = before + lone + after;

    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .extracting(Violation::field, v -> v.message().startsWith("must be well-formed Unicode"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("userId", true));
    assertThat(violationsOf(() -> Resource.of("organization", id, Optional.empty())))
        .extracting(Violation::field)
        .containsExactly("id");
  }

  @Property
  void any_id_holding_a_format_character_is_refused(
      @ForAll("wellFormed") String before,
      @ForAll("formatCharacters") int format,
      @ForAll("wellFormed") String after) {
    String id = before + Character.toString(format) + after;

    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .extracting(Violation::message)
        .singleElement()
        .asString()
        .startsWith("must not contain invisible format characters (Unicode category Cf)")
        .contains(String.format("U+%04X", format));
  }

  @Property
  void any_id_of_white_space_only_is_refused(@ForAll("whiteSpace") String id) {
    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .containsExactly(new Violation("userId", "must not be only white space"));
  }

  @Property
  void any_id_longer_than_the_limit_in_code_points_is_refused(
      @ForAll("visibleCodePoints") int codePoint, @ForAll @IntRange(min = 257, max = 600) int n) {
    String id = Character.toString(codePoint).repeat(n);

    assertThat(violationsOf(() -> new User(id, UserProfile.empty())))
        .containsExactly(new Violation("userId", "must be at most 256 characters, got " + n));
  }

  @Provide
  Arbitrary<String> ids() {
    return codePointStrings(1, Identifier.MAX_LENGTH).filter(s -> !s.isBlank() && !onlySpaces(s));
  }

  @Provide
  Arbitrary<String> wellFormed() {
    return codePointStrings(0, 40);
  }

  @Provide
  Arbitrary<Character> surrogates() {
    return Arbitraries.chars().range(Character.MIN_SURROGATE, Character.MAX_SURROGATE);
  }

  @Provide
  Arbitrary<Integer> formatCharacters() {
    // Every Cf code point the JDK knows, from U+00AD SOFT HYPHEN to the tags of plane 14.
    List<Integer> all =
        IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
            .filter(c -> Character.getType(c) == Character.FORMAT)
            .boxed()
            .toList();
    return Arbitraries.of(all);
  }

  @Provide
  Arbitrary<String> whiteSpace() {
    List<Character> spaces =
        List.of(
            ' ', '\u00a0', '\u1680', '\u2000', '\u2007', '\u200a', '\u2028', '\u202f', '\u3000');
    return Arbitraries.of(spaces)
        .list()
        .ofMinSize(1)
        .ofMaxSize(20)
        .map(IdentifierPropertiesTest::join);
  }

  @Provide
  Arbitrary<Integer> allowedCodePoints() {
    return Arbitraries.integers()
        .between(0x21, Character.MAX_CODE_POINT)
        .filter(IdentifierPropertiesTest::allowed);
  }

  @Provide
  Arbitrary<Integer> visibleCodePoints() {
    return allowedCodePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c));
  }

  private Arbitrary<String> codePointStrings(int min, int max) {
    Arbitrary<Integer> codePoints =
        Arbitraries.oneOf(
            allowedCodePoints(),
            Arbitraries.integers().between(0x20, 0x7e), // mostly ASCII, as ids usually are
            Arbitraries.integers().between(0x1F600, 0x1F64F)); // emoji: two UTF-16 units each
    return codePoints
        .list()
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(list -> list.stream().map(Character::toString).reduce("", String::concat));
  }

  private static boolean allowed(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE;
  }

  private static boolean onlySpaces(String s) {
    return s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  private static String join(List<Character> chars) {
    StringBuilder text = new StringBuilder();
    chars.forEach(text::append);
    return text.toString();
  }
}
