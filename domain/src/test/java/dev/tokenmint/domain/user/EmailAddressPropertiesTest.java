package dev.tokenmint.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written email check accepts exactly the language of the regular expression it replaced,
 * the rule's reference: both judge the same generated strings, near-addresses most of them.
 */
class EmailAddressPropertiesTest {

  /** The regular expression the rule was first written as, with its length checks. */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@"
              + "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
              + "[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private static boolean reference(String value) {
    if (value == null || value.length() > EmailAddress.MAX_LENGTH) {
      return false;
    }
    int at = value.lastIndexOf('@');
    return at > 0 && at <= 64 && REFERENCE.matcher(value).matches();
  }

  @Property(tries = 5000)
  void judges_strings_of_an_email_alphabet_as_the_regular_expression_does(
      @ForAll("nearAddresses") String value) {
    assertThat(EmailAddress.isValid(value)).as(value).isEqualTo(reference(value));
  }

  @Property(tries = 3000)
  void judges_any_string_as_the_regular_expression_does(@ForAll String value) {
    assertThat(EmailAddress.isValid(value)).as(value).isEqualTo(reference(value));
  }

  @Property(tries = 3000)
  void judges_long_labels_and_parts_as_the_regular_expression_does(
      @ForAll("longParts") String value) {
    assertThat(EmailAddress.isValid(value)).as(value).isEqualTo(reference(value));
  }

  @Provide
  Arbitrary<String> nearAddresses() {
    // Characters the rule distinguishes: letters, digits, the dot, the at sign, the hyphen, other
    // atext symbols, and a few it refuses (space, quote, brackets, a non-ASCII letter, a newline).
    Arbitrary<Character> chars =
        Arbitraries.of(
            'a', 'Z', 'q', '0', '9', '.', '.', '.', '@', '-', '-', '_', '+', '!', '~', '`', '{',
            ' ', '"', '[', ']', 'é', '\n', '(', ',');
    Arbitrary<String> part = chars.list().ofMaxSize(12).map(EmailAddressPropertiesTest::join);
    return Combinators.combine(part, part, part).as((a, b, c) -> a + "@" + b + "." + c);
  }

  @Provide
  Arbitrary<String> longParts() {
    Arbitrary<String> run = Arbitraries.strings().withChars("aZ09-").ofMinLength(0).ofMaxLength(70);
    Arbitrary<String> label =
        Arbitraries.oneOf(run, Arbitraries.strings().withChars("ab").ofLength(1));
    return Combinators.combine(run, label, label, label, Arbitraries.integers().between(1, 3))
        .as(
            (local, l1, l2, l3, labels) ->
                local + "@" + l1 + (labels >= 2 ? "." + l2 : "") + (labels >= 3 ? "." + l3 : ""));
  }

  private static String join(java.util.List<Character> chars) {
    StringBuilder text = new StringBuilder(chars.size());
    chars.forEach(text::append);
    return text.toString();
  }
}
