package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.identifier.WireNamed;
import java.util.Optional;

/**
 * Something a grant gives access to. Equal resources are the same resource: an organization by its
 * id, a folder or document by its id within its organization. In a grant, a folder or document id
 * ending in {@code *} is a prefix pattern ({@link #isPrefix}), itself one resource for storing and
 * naming the grant, and a cover of many when access is decided.
 */
public sealed interface Resource permits Organization, Folder, Document {

  /** The kind of resource. */
  ResourceType type();

  /** The resource's own id; for a prefix pattern, the prefix followed by {@code *}. */
  String id();

  /** The organization it belongs to; an organization's is its own id. */
  String organizationId();

  /** True for a folder or document whose id ends in {@code *}: a prefix pattern. */
  default boolean isPrefix() {
    return type() != ResourceType.ORGANIZATION && ResourceIds.endsWithWildcard(id());
  }

  /** The text the ids a prefix pattern covers start with (its id without the {@code *}). */
  default String prefix() {
    if (!isPrefix()) {
      throw new IllegalStateException(
          type().wireName() + " '" + id() + "' is not a prefix pattern");
    }
    return id().substring(0, id().length() - 1);
  }

  /**
   * True when a grant on this resource applies to {@code other} at this resource's own level: the
   * same resource, or, for a prefix pattern, a resource of the same type and organization whose id
   * starts with the prefix. An organization grant's reach over its folders and documents is the
   * access rule's business, not this method's.
   */
  default boolean covers(Resource other) {
    if (!isPrefix()) {
      return equals(other);
    }
    return other.type() == type()
        && other.organizationId().equals(organizationId())
        && other.id().startsWith(prefix());
  }

  /** The resource as messages name it: {@code document 'd1'}. */
  default String describe() {
    return type().wireName() + " '" + id() + "'";
  }

  /**
   * Builds a resource from wire values, reporting every broken rule at once under the field names
   * {@code type}, {@code id} and {@code organizationId}. A folder or document id may end in {@code
   * *} ({@link ResourceIds}).
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
    if (resourceType.isEmpty()) {
      Identifier.check(violations, "id", id);
    } else if (resourceType.get() == ResourceType.ORGANIZATION) {
      ResourceIds.checkOrganization(violations, "id", id);
    } else {
      ResourceIds.checkPattern(violations, "id", id);
    }
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
    ResourceIds.checkOrganization(violations, "organizationId", organizationId.get());
  }
}
