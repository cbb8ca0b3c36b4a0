package dev.tokenmint.domain.token;

import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads back what {@link VeltProfile#claims} writes: the grants of a verified Velt token. */
public final class VeltClaims {

  private VeltClaims() {}

  /**
   * The grants in {@code permissions.resources}; empty when the token carries none.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException when a grant breaks a rule (a
   *     token tokenmint signed never does)
   */
  public static GrantSet grantsOf(TokenClaims claims) {
    Object permissions = claims.get("permissions").orElse(Map.of());
    Object resources = permissions instanceof Map<?, ?> map ? map.get("resources") : null;
    if (!(resources instanceof List<?> list)) {
      return GrantSet.empty();
    }
    List<Grant> grants = new ArrayList<>(list.size());
    for (Object entry : list) {
      if (entry instanceof Map<?, ?> resource) {
        grants.add(
            Grant.fromWire(
                text(resource, "type").orElse(null),
                text(resource, "id").orElse(null),
                text(resource, "organizationId"),
                text(resource, "accessRole"),
                Optional.ofNullable(resource.get("expiresAt"))
                    .filter(Long.class::isInstance)
                    .map(Long.class::cast)));
      }
    }
    return GrantSet.of(grants);
  }

  private static Optional<String> text(Map<?, ?> map, String name) {
    return Optional.ofNullable(map.get(name)).filter(String.class::isInstance).map(String.class::cast);
  }
}
