package dev.tokenmint.domain.user;

/**
 * The email rule: a practical subset of RFC 5321/5322 addresses, {@code local@domain} with a dotted
 * domain of letters, digits and hyphens, at most 254 characters. Quoted local parts and IP-literal
 * domains are refused on purpose: no mail system of our users' users needs them.
 */
public final class EmailAddress {

  /** Longest address accepted (RFC 5321 path limit less the angle brackets). */
  public static final int MAX_LENGTH = 254;

  private EmailAddress() {}

  /**
   * True when {@code value} is an address by the rule above: {@code local@domain}, where the local
   * part is dot-separated non-empty runs of RFC 5322 atext ({@code A-Z a-z 0-9
   * !#$%&'*+/=?^_`{|}~-}), and the domain two or more dot-separated labels of 1 to 63 letters,
   * digits and hyphens that begin and end with a letter or digit, the last beginning with a letter.
   * The same language as the regular expression {@code
   * [atext]+(\.[atext]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?},
   * checked in one pass without a regular expression engine (every mint reads an address).
   */
  public static boolean isValid(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return false;
    }
    int at = value.lastIndexOf('@');
    return at > 0 && at <= 64 && isLocalPart(value, at) && isDomain(value, at + 1);
  }

  /** Dot-separated non-empty runs of atext in {@code value[0, end)}; '@' is not atext. */
  private static boolean isLocalPart(String value, int end) {
    boolean runEmpty = true;
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c == '.') {
        if (runEmpty) {
          return false;
        }
        runEmpty = true;
      } else if (isAtext(c)) {
        runEmpty = false;
      } else {
        return false;
      }
    }
    return !runEmpty;
  }

  /**
   * Two or more dot-separated labels from {@code start} to the end; the last begins with a letter.
   */
  private static boolean isDomain(String value, int start) {
    int labels = 0;
    int labelStart = start;
    for (int i = start; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == '.') {
        if (!isLabel(value, labelStart, i)) {
          return false;
        }
        labels++;
        labelStart = i + 1;
      }
    }
    int lastStart = value.lastIndexOf('.') + 1;
    return labels >= 2 && isLetter(value.charAt(lastStart));
  }

  /**
   * 1 to 63 letters, digits and hyphens in {@code value[from, to)}, not beginning or ending with a
   * hyphen.
   */
  private static boolean isLabel(String value, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 63) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (!(isLetter(c) || isDigit(c) || c == '-')) {
        return false;
      }
    }
    return value.charAt(from) != '-' && value.charAt(to - 1) != '-';
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAtext(char c) {
    return isLetter(c) || isDigit(c) || ATEXT_SYMBOLS.indexOf(c) >= 0;
  }

  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
}
