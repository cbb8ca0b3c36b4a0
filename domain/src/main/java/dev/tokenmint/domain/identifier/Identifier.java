package dev.tokenmint.domain.identifier;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import java.util.Optional;

/**
 * The rule for every identifier tokenmint stores, compares or puts in a token (user ids, resource
 * ids, scopes, {@code jti}s): 1 to {@value #MAX_LENGTH} characters counted in Unicode code points,
 * not only white space, well-formed Unicode (no unpaired surrogate), and no control (Cc) or format
 * (Cf) character. Ids are kept and compared exactly as given: no trimming, no case folding, no
 * Unicode normalization.
 *
 * <p>Why: an unpaired surrogate has no UTF-8 encoding, so the JSON writer of a token and the
 * database drivers replace it with {@code ?}, and {@code "alice\ud800"} would become another user's
 * {@code "alice?"}. Format characters (zero-width spaces and joiners, bidirectional overrides and
 * isolates, the byte order mark, tags) are invisible, so {@code "admin\u200b"} reads as {@code
 * "admin"} in every log, console and admin screen while being another id. Normalizing instead (NFC,
 * NFKC) would also make look-alikes collide on purpose, and would change ids that callers compare
 * byte for byte with their own records; refusing what is ambiguous and keeping the rest exactly is
 * the one choice that is never surprising.
 */
public final class Identifier {

  /** Longest identifier accepted, in Unicode code points. */
  public static final int MAX_LENGTH = 256;

  private Identifier() {}

  /**
   * Records a violation for {@code field} in {@code violations} when {@code value} breaks the rule.
   * A null value counts as missing. Returns whether the value is valid.
   */
  public static boolean check(Violations violations, String field, String value) {
    if (value == null || value.isEmpty()) {
      violations.add(field, "is required and must not be empty");
      return false;
    }
    if (isOnlyWhiteSpace(value)) {
      violations.add(field, "must not be only white space");
      return false;
    }
    int length = value.codePointCount(0, value.length());
    if (length > MAX_LENGTH) {
      violations.add(field, "must be at most " + MAX_LENGTH + " characters, got " + length);
      return false;
    }
    Optional<String> problem = characterProblem(value);
    problem.ifPresent(message -> violations.add(field, message));
    return problem.isEmpty();
  }

  /**
   * Checks one identifier on its own.
   *
   * @throws InvalidArgumentException naming {@code field} when {@code value} breaks the rule
   */
  public static void require(String field, String value) {
    Violations violations = new Violations();
    check(violations, field, value);
    violations.throwIfAny();
  }

  /**
   * Why {@code value} holds a character no identifier may hold — a control character, an unpaired
   * surrogate or a format character — or empty when it holds none. For names that follow the
   * identifier rule with their own length limit (role names).
   */
  public static Optional<String> characterProblem(String value) {
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      int type = Character.getType(codePoint);
      if (type == Character.CONTROL) {
        return Optional.of("must not contain control characters");
      }
      if (type == Character.SURROGATE) {
        // codePointAt returns a lone surrogate as itself; a pair comes back as one supplementary
        // code point.
        return Optional.of(UNPAIRED_SURROGATE);
      }
      if (type == Character.FORMAT) {
        return Optional.of(
            String.format(
                "must not contain invisible format characters (Unicode category Cf), found U+%04X %s",
                codePoint, Character.getName(codePoint)));
      }
      i += Character.charCount(codePoint);
    }
    return Optional.empty();
  }

  /**
   * Why {@code value} is not well-formed Unicode (it holds an unpaired surrogate, which no UTF-8
   * writer can encode), or empty when it is. For free text, which may hold format characters.
   */
  public static Optional<String> wellFormednessProblem(String value) {
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      if (Character.getType(codePoint) == Character.SURROGATE) {
        return Optional.of(UNPAIRED_SURROGATE);
      }
      i += Character.charCount(codePoint);
    }
    return Optional.empty();
  }

  /** True when {@code value} contains a Unicode control character (category Cc). */
  public static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static final String UNPAIRED_SURROGATE =
      "must be well-formed Unicode: it holds an unpaired surrogate (a lone half of a UTF-16 pair,"
          + " such as the JSON escape \\ud800)";

  /** White space by either of the JDK's definitions, so no-break and ideographic spaces count. */
  private static boolean isOnlyWhiteSpace(String value) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
