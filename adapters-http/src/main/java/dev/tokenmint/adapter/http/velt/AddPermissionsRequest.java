package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.identifier.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v2/auth/permissions/add}: {@code {user: {userId}, permissions:
 * {resources: [grant…]}}}, the grants exactly as generate_token takes them.
 */
record AddPermissionsRequest(
    @NotNull(message = "is required") @Valid UserRef user,
    @NotNull(message = "is required") @Valid Permissions permissions) {

  record UserRef(@NotNull(message = "is required") String userId) {}

  record Permissions(
      @NotNull(message = "is required") @Size(min = 1, message = "must name at least one resource")
          List<ResourceGrant> resources) {}

  /** The user's id. */
  String userId() {
    return user.userId();
  }

  /** The grants, with every problem (a resource named twice included) reported at once. */
  GrantSet grants() {
    Violations violations = new Violations();
    Identifier.check(violations, "user.userId", user.userId());
    Optional<GrantSet> grants =
        ResourceGrant.toGrantSet(violations, "permissions.resources", permissions.resources());
    violations.throwIfAny();
    return grants.orElseThrow();
  }
}
