package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.identifier.Identifier;

/** A document inside an organization. */
public record Document(String id, String organizationId) implements Resource {

  /** Both ids must satisfy the {@link Identifier} rule. */
  public Document {
    InsideOrganization.checkIds(id, organizationId);
  }

  @Override
  public ResourceType type() {
    return ResourceType.DOCUMENT;
  }
}
