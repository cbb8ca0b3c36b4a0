package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.identifier.Identifier;

/** A folder inside an organization. */
public record Folder(String id, String organizationId) implements Resource {

  /** Both ids must satisfy the {@link Identifier} rule. */
  public Folder {
    InsideOrganization.checkIds(id, organizationId);
  }

  @Override
  public ResourceType type() {
    return ResourceType.FOLDER;
  }
}
