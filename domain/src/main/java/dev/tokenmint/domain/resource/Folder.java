package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;

/** A folder inside an organization. */
public record Folder(String id, String organizationId) implements Resource {

  /** Both ids must satisfy the {@link Identifier} rule. */
  public Folder {
    Violations violations = new Violations();
    Identifier.check(violations, "id", id);
    Identifier.check(violations, "organizationId", organizationId);
    violations.throwIfAny();
  }

  @Override
  public ResourceType type() {
    return ResourceType.FOLDER;
  }
}
