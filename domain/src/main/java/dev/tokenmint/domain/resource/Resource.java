package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.identifier.WireNamed;
import java.util.Optional;

/**
 * Something a grant gives access to. Equal resources are the same resource: an organization by its
 * id, a folder or document by its id within its organization.
 */
public sealed interface Resource permits Organization, Folder, Document {

  /** The kind of resource. */
  ResourceType type();

  /** The resource's own id. */
  String id();

  /** The organization it belongs to; an organization's is its own id. */
  String organizationId();

  /** The resource as messages name it: {@code document 'd1'}. */
  default String describe() {
    return type().wireName() + " '" + id() + "'";
  }

  /**
   * Builds a resource from wire values, reporting every broken rule at once under the field names
   * {@code type}, {@code id} and {@code organizationId}.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException when a rule is broken
   */
  static Resource of(String type, String id, Optional<String> organizationId) {
    Violations violations = new Violations();
    Optional<ResourceType> resourceType = Optional.empty();
    if (type == null) {
      violations.add("type", "is required; allowed values: " + ResourceType.WIRE_NAMES);
    } else {
      resourceType = WireNamed.parse(violations, "type", ResourceType.values(), type);
    }
    Identifier.check(violations, "id", id);
    resourceType.ifPresent(t -> checkOrganizationId(violations, t, id, organizationId));
    violations.throwIfAny();
    return switch (resourceType.orElseThrow()) {
      case ORGANIZATION -> new Organization(id);
      case FOLDER -> new Folder(id, organizationId.orElseThrow());
      case DOCUMENT -> new Document(id, organizationId.orElseThrow());
    };
  }

  private static void checkOrganizationId(
      Violations violations, ResourceType type, String id, Optional<String> organizationId) {
    if (type == ResourceType.ORGANIZATION) {
      organizationId.ifPresent(
          org ->
              violations.require(
                  org.equals(id),
                  "organizationId",
                  "must be omitted or equal to id for an organization"));
      return;
    }
    if (organizationId.isEmpty()) {
      violations.add("organizationId", "is required when type is '" + type.wireName() + "'");
      return;
    }
    Identifier.check(violations, "organizationId", organizationId.get());
  }
}
