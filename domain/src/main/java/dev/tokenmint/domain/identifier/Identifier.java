package dev.tokenmint.domain.identifier;

import dev.tokenmint.domain.failure.Violations;

/**
 * The rule for every identifier tokenmint stores or puts in a token (user ids, resource ids): 1 to
 * {@value #MAX_LENGTH} characters, none of them a control character.
 */
public final class Identifier {

  /** Longest identifier accepted, in UTF-16 characters. */
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
    if (value.length() > MAX_LENGTH) {
      violations.add(field, "must be at most " + MAX_LENGTH + " characters, got " + value.length());
      return false;
    }
    if (hasControlCharacter(value)) {
      violations.add(field, "must not contain control characters");
      return false;
    }
    return true;
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
}
