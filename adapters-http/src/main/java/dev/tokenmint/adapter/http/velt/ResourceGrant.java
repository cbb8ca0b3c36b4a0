package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of Velt's {@code permissions.resources}, as generate_token and permissions/add both
 * send it, and as token exchange's {@code authorization_details} name a grant: {@code {type, id,
 * organizationId?, accessRole?, expiresAt?}}.
 */
public record ResourceGrant(
    String type, String id, String organizationId, String accessRole, Long expiresAt) {

  Grant toGrant() {
    return Grant.fromWire(
        type,
        id,
        Optional.ofNullable(organizationId),
        Optional.ofNullable(accessRole),
        Optional.ofNullable(expiresAt));
  }

  /**
   * The grants of {@code resources}, each problem recorded in {@code violations} at its path under
   * {@code path} ({@code permissions.resources[1].accessRole}), a resource named twice included.
   * Empty when any grant is invalid.
   */
  public static Optional<GrantSet> toGrantSet(
      Violations violations, String path, List<ResourceGrant> resources) {
    List<Grant> grants = new ArrayList<>();
    boolean allValid = true;
    for (int i = 0; i < resources.size(); i++) {
      String at = path + "[" + i + "]";
      ResourceGrant resource = resources.get(i);
      if (resource == null) {
        violations.add(at, "must be an object");
        allValid = false;
      } else {
        Optional<Grant> grant = violations.collect(at, resource::toGrant);
        grant.ifPresent(grants::add);
        allValid &= grant.isPresent();
      }
    }
    // Duplicates are named by index, so they are looked for only when every index has its grant.
    return allValid ? violations.collect(path, () -> GrantSet.of(grants)) : Optional.empty();
  }
}
