package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;

/** An organization: the broadest resource. */
public record Organization(String id) implements Resource {

  /** The id must satisfy the {@link Identifier} rule and hold no {@code *}. */
  public Organization {
    Violations violations = new Violations();
    ResourceIds.checkOrganization(violations, "id", id);
    violations.throwIfAny();
  }

  @Override
  public ResourceType type() {
    return ResourceType.ORGANIZATION;
  }

  @Override
  public String organizationId() {
    return id;
  }
}
