package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;

/**
 * The rule of a resource inside an organization, a folder or a document: its id may be a prefix
 * pattern ({@link ResourceIds#checkPattern}), its organization's never holds a {@code *}.
 */
final class InsideOrganization {

  private InsideOrganization() {}

  /**
   * Both ids must satisfy the {@link Identifier} rule, the id may end in {@code *} and the
   * organization id holds none; both are reported at once.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming {@code id}, {@code
   *     organizationId} or both
   */
  static void checkIds(String id, String organizationId) {
    Violations violations = new Violations();
    ResourceIds.checkPattern(violations, "id", id);
    ResourceIds.checkOrganization(violations, "organizationId", organizationId);
    violations.throwIfAny();
  }
}
