package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.application.port.in.ManagePermissions.PermissionsQuery;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v2/auth/permissions/get}. The limits on {@code userIds} are the use
 * case's.
 */
record PermissionsQueryRequest(
    @NotNull(message = "is required") String organizationId,
    @NotNull(message = "is required") List<String> userIds,
    List<String> documentIds,
    List<String> folderIds) {

  /** The query, with every problem of the ids reported at once. */
  PermissionsQuery toQuery() {
    Violations violations = new Violations();
    Identifier.check(violations, "organizationId", organizationId);
    IdentifierList.check(violations, "userIds", userIds);
    if (documentIds != null) {
      IdentifierList.check(violations, "documentIds", documentIds);
    }
    if (folderIds != null) {
      IdentifierList.check(violations, "folderIds", folderIds);
    }
    violations.throwIfAny();
    return new PermissionsQuery(
        organizationId, userIds, Optional.ofNullable(folderIds), Optional.ofNullable(documentIds));
  }
}
