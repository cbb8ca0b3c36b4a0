package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;

/** The rule of a resource inside an organization, a folder or a document. */
final class InsideOrganization {

  private InsideOrganization() {}

  /**
   * Both ids must satisfy the {@link Identifier} rule; both are reported at once.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming {@code id}, {@code
   *     organizationId} or both
   */
  static void checkIds(String id, String organizationId) {
    Violations violations = new Violations();
    Identifier.check(violations, "id", id);
    Identifier.check(violations, "organizationId", organizationId);
    violations.throwIfAny();
  }
}
