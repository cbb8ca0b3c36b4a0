package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;

/**
 * The rule for resource ids, on top of the {@link Identifier} rule: {@code *} is reserved. A folder
 * or document id in a grant may end in one {@code *}, which makes the grant a prefix grant ({@code
 * report_*} covers every id that starts with {@code report_}; {@code *} alone covers them all); a
 * {@code *} anywhere else is refused, and an organization id never holds one.
 *
 * <p>Why reserved rather than escaped: a grant read back from a token or a database must mean one
 * thing, so an id that ends in {@code *} can only ever be a pattern, and an id holding a {@code *}
 * elsewhere would be one edit away from becoming one.
 */
public final class ResourceIds {

  /** The character that, ending a folder or document id in a grant, makes it a prefix grant. */
  public static final char WILDCARD = '*';

  private ResourceIds() {}

  /**
   * Records a violation for {@code field} unless {@code id} is a valid folder or document id of a
   * grant: an identifier with no {@code *}, or one {@code *} at its end. Returns whether it is.
   */
  public static boolean checkPattern(Violations violations, String field, String id) {
    if (id != null && endsWithWildcard(id)) {
      int length = id.codePointCount(0, id.length());
      if (length > Identifier.MAX_LENGTH) {
        violations.add(
            field,
            "must be at most "
                + Identifier.MAX_LENGTH
                + " characters with its '*' (a prefix of at most "
                + (Identifier.MAX_LENGTH - 1)
                + "), got "
                + length);
        return false;
      }
    }
    if (!Identifier.check(violations, field, id)) {
      return false;
    }
    int wildcard = id.indexOf(WILDCARD);
    return violations.require(
        wildcard < 0 || wildcard == id.length() - 1,
        field,
        "may hold '*' only as its last character, where it makes a prefix grant ('report_*'"
            + " covers every id that starts with 'report_')");
  }

  /**
   * Records a violation for {@code field} unless {@code id} is a valid organization id: an
   * identifier with no {@code *}. Returns whether it is.
   */
  public static boolean checkOrganization(Violations violations, String field, String id) {
    return Identifier.check(violations, field, id)
        && violations.require(
            id.indexOf(WILDCARD) < 0,
            field,
            "must not contain '*': an organization is always named exactly (prefix grants such as"
                + " 'report_*' are for folders and documents)");
  }

  /**
   * Records a violation for {@code field} unless {@code id} names one folder or document exactly:
   * an identifier with no {@code *}. For the resource an access question is about. Returns whether
   * it is.
   */
  public static boolean checkExact(Violations violations, String field, String id) {
    return Identifier.check(violations, field, id)
        && violations.require(
            id.indexOf(WILDCARD) < 0,
            field,
            "must name one resource exactly: '*' is reserved for prefix grants");
  }

  /** True when {@code id} ends in the wildcard, i.e. is a prefix pattern if it is valid. */
  static boolean endsWithWildcard(String id) {
    return !id.isEmpty() && id.charAt(id.length() - 1) == WILDCARD;
  }
}
