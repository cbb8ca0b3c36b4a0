package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.resource.ResourceIds;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The body of {@code POST /v2/auth/check_access}: the token and, beside it, the resource as a grant
 * names one ({@code type}, {@code id}, {@code organizationId} for folders and documents), plus the
 * {@code folderId} a document lives in when the caller knows it.
 */
record CheckAccessRequest(
    @NotNull(message = "is required") String token,
    String type,
    String id,
    String organizationId,
    String folderId) {

  /** The resource asked about, with every problem reported at once under its field name. */
  AccessTarget toTarget() {
    Violations violations = new Violations();
    Optional<Resource> resource =
        violations.collect("", () -> Resource.of(type, id, Optional.ofNullable(organizationId)));
    Optional<AccessTarget> target =
        resource.flatMap(
            r -> violations.collect("", () -> new AccessTarget(r, Optional.ofNullable(folderId))));
    if (resource.isEmpty() && folderId != null) {
      // The target's own check needs a valid resource; the folder id is still checked meanwhile.
      ResourceIds.checkExact(violations, "folderId", folderId);
    }
    violations.throwIfAny();
    return target.orElseThrow();
  }
}
