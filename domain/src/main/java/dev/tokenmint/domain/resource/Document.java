package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;

/** A document inside an organization. */
public record Document(String id, String organizationId) implements Resource {

  /** Both ids must satisfy the {@link Identifier} rule. */
  public Document {
    Violations violations = new Violations();
    Identifier.check(violations, "id", id);
    Identifier.check(violations, "organizationId", organizationId);
    violations.throwIfAny();
  }

  @Override
  public ResourceType type() {
    return ResourceType.DOCUMENT;
  }
}
