package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.identifier.Identifier;

/**
 * A folder inside an organization; in a grant, its id may end in {@code *} to name every folder of
 * the organization whose id starts with the text before it (see {@link ResourceIds}).
 */
public record Folder(String id, String organizationId) implements Resource {

  /**
   * Both ids must satisfy the {@link Identifier} rule; the id may end in {@code *}, the
   * organization id holds none.
   */
  public Folder {
    InsideOrganization.checkIds(id, organizationId);
  }

  @Override
  public ResourceType type() {
    return ResourceType.FOLDER;
  }
}
