package dev.tokenmint.domain.user;

import java.util.regex.Pattern;

/**
 * The email rule: a practical subset of RFC 5321/5322 addresses, {@code local@domain} with a dotted
 * domain of letters, digits and hyphens, at most 254 characters. Quoted local parts and IP-literal
 * domains are refused on purpose: no mail system of our users' users needs them.
 */
public final class EmailAddress {

  /** Longest address accepted (RFC 5321 path limit less the angle brackets). */
  public static final int MAX_LENGTH = 254;

  private static final Pattern SHAPE =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@"
              + "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
              + "[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private EmailAddress() {}

  /** True when {@code value} is an address by the rule above. */
  public static boolean isValid(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return false;
    }
    int at = value.lastIndexOf('@');
    return at > 0 && at <= 64 && SHAPE.matcher(value).matches();
  }
}
