package dev.tokenmint.domain.access;

import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access rule, in one place: the effective role on a resource is the role of the
 * most specific unexpired grant, document then folder then organization. {@code editor} includes
 * {@code viewer}. No grant, no access. Being an admin is a claim, not a bypass.
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  /** The effective access on {@code target} at {@code now}: the deciding grant, or why none. */
  public static AccessDecision effectiveAccess(GrantSet grants, AccessTarget target, Instant now) {
    List<String> expired = new ArrayList<>();
    for (Resource level : target.chain()) {
      Optional<Grant> grant = grants.on(level);
      if (grant.isEmpty()) {
        continue;
      }
      if (grant.get().isActiveAt(now)) {
        return new AccessDecision.Allowed(grant.get());
      }
      expired.add(
          level.describe() + " expired at " + grant.get().expiresAt().orElseThrow().getEpochSecond());
    }
    if (!expired.isEmpty()) {
      return new AccessDecision.Denied("every grant that applies has expired: " + expired);
    }
    return new AccessDecision.Denied(
        "no grant on " + String.join(", ", target.chain().stream().map(Resource::describe).toList()));
  }

  /** Whether the effective access on {@code target} at {@code now} includes {@code required}. */
  public static AccessDecision check(
      GrantSet grants, AccessTarget target, AccessRole required, Instant now) {
    AccessDecision effective = effectiveAccess(grants, target, now);
    if (effective instanceof AccessDecision.Allowed allowed && !allowed.role().includes(required)) {
      return new AccessDecision.Denied(
          required.wireName()
              + " access needed, but the "
              + allowed.role().wireName()
              + " grant on "
              + allowed.decidedBy().resource().describe()
              + " decides");
    }
    return effective;
  }

  /**
   * Whether holding {@code grants} at {@code now} covers handing {@code requested} on, as token
   * exchange does: by {@link #check}, the effective access on its resource includes its role (a
   * document under an organization grant is covered), and when the deciding grant expires, {@code
   * requested} expires no later. Denied with the reason otherwise.
   */
  public static AccessDecision covers(GrantSet grants, Grant requested, Instant now) {
    AccessDecision decision =
        check(grants, AccessTarget.of(requested.resource()), requested.role(), now);
    if (decision instanceof AccessDecision.Allowed allowed
        && allowed.decidedBy().expiresAt().isPresent()) {
      Instant limit = allowed.decidedBy().expiresAt().get();
      if (requested.expiresAt().map(limit::isBefore).orElse(true)) {
        return new AccessDecision.Denied(
            "expiresAt must be at most "
                + limit.getEpochSecond()
                + ", when the grant on "
                + allowed.decidedBy().resource().describe()
                + " that covers it expires");
      }
    }
    return decision;
  }
}
