package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.identifier.Identifier;

/** An organization: the broadest resource. */
public record Organization(String id) implements Resource {

  /** The id must satisfy the {@link Identifier} rule. */
  public Organization {
    Identifier.require("id", id);
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
