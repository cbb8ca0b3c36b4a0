package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import java.util.List;

/**
 * A JSON array of ids ({@code userIds}, {@code folderIds}, …). Jackson reads a {@code null} element
 * as a null string; these checks turn it into a violation naming the element.
 */
final class IdentifierList {

  private IdentifierList() {}

  /** Records {@code field[i]: must be a string} for each null element. */
  static void requireStrings(Violations violations, String field, List<String> ids) {
    for (int i = 0; i < ids.size(); i++) {
      violations.require(ids.get(i) != null, field + "[" + i + "]", "must be a string");
    }
  }

  /** Records a violation for each element that is null or breaks the {@link Identifier} rule. */
  static void check(Violations violations, String field, List<String> ids) {
    for (int i = 0; i < ids.size(); i++) {
      String at = field + "[" + i + "]";
      if (ids.get(i) == null) {
        violations.add(at, "must be a string");
      } else {
        Identifier.check(violations, at, ids.get(i));
      }
    }
  }
}
