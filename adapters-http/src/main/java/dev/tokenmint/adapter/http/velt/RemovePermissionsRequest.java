package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.resource.Resource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v2/auth/permissions/remove}: {@code {userId, permissions: {resources:
 * [{type, id, organizationId?}…]}}}. A resource names what to remove, so {@code accessRole} and
 * {@code expiresAt} are not part of it (and are refused as unknown fields, like any other).
 */
record RemovePermissionsRequest(
    @NotNull(message = "is required") String userId,
    @NotNull(message = "is required") @Valid Permissions permissions) {

  record Permissions(
      @NotNull(message = "is required") @Size(min = 1, message = "must name at least one resource")
          List<ResourceRef> resources) {}

  record ResourceRef(String type, String id, String organizationId) {
    Resource toResource() {
      return Resource.of(type, id, Optional.ofNullable(organizationId));
    }
  }

  /** The resources, with every problem reported at once. */
  List<Resource> resources() {
    Violations violations = new Violations();
    Identifier.check(violations, "userId", userId);
    List<Resource> resources = new ArrayList<>();
    List<ResourceRef> given = permissions.resources();
    for (int i = 0; i < given.size(); i++) {
      String at = "permissions.resources[" + i + "]";
      ResourceRef resource = given.get(i);
      if (resource == null) {
        violations.add(at, "must be an object");
      } else {
        violations.collect(at, resource::toResource).ifPresent(resources::add);
      }
    }
    violations.throwIfAny();
    return resources;
  }
}
