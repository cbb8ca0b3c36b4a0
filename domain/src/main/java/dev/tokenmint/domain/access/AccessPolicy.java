package dev.tokenmint.domain.access;

import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access rule, in one place: the effective role on a resource is the role of the most specific
 * unexpired grant that applies, in this order ({@link Level}): the exact document, the longest
 * matching document prefix, the exact folder (the folder asked about, or the one the document is
 * said to be in), the longest matching folder prefix, the organization. An expired grant is inert
 * at every level: the next one decides. {@code editor} includes {@code viewer}. No grant, no
 * access. Being an admin is a claim, not a bypass.
 */
public final class AccessPolicy {

  /** Where a grant stands in the order of decision, most specific first. */
  public enum Level {
    /** A grant on the document itself. */
    EXACT_DOCUMENT,
    /** A document prefix grant ({@code report_*}) the document's id starts with. */
    DOCUMENT_PREFIX,
    /** A grant on the folder itself (asked about, or holding the document). */
    EXACT_FOLDER,
    /** A folder prefix grant the folder's id starts with. */
    FOLDER_PREFIX,
    /** A grant on the organization. */
    ORGANIZATION
  }

  /** A grant that applies to an access question, and the level it applies at. */
  public record Applicable(Grant grant, Level level) {}

  private AccessPolicy() {}

  /** The effective access on {@code target} at {@code now}: the deciding grant, or why none. */
  public static AccessDecision effectiveAccess(GrantSet grants, AccessTarget target, Instant now) {
    List<String> expired = new ArrayList<>(0);
    Optional<Grant> deciding =
        inOrder(
            grants,
            target,
            (grant, level) -> {
              if (grant.isActiveAt(now)) {
                return true;
              }
              expired.add(
                  grant.resource().describe()
                      + " expired at "
                      + grant.expiresAt().orElseThrow().getEpochSecond());
              return false;
            });
    if (deciding.isPresent()) {
      return new AccessDecision.Allowed(deciding.get());
    }
    if (!expired.isEmpty()) {
      return new AccessDecision.Denied("every grant that applies has expired: " + expired);
    }
    return new AccessDecision.Denied(
        "no grant on "
            + String.join(", ", target.chain().stream().map(Resource::describe).toList()));
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
   * Every grant of {@code grants} that applies to {@code target}, expired ones included, in the
   * order they decide: by {@link Level}, and among prefixes of one level the longest first. The
   * first unexpired one decides.
   */
  public static List<Applicable> applicable(GrantSet grants, AccessTarget target) {
    List<Applicable> found = new ArrayList<>(2);
    inOrder(grants, target, (grant, level) -> !found.add(new Applicable(grant, level)));
    return found;
  }

  /** Looks at one applicable grant; true to stop there. */
  private interface Visit {
    boolean stopsAt(Grant grant, Level level);
  }

  /**
   * The order of decision, in one place: shows {@code visit} the grants that apply to {@code
   * target}, most specific first, until it stops at one, which is returned. Lazy, so that a
   * decision made by the document's own grant looks up nothing else.
   */
  private static Optional<Grant> inOrder(GrantSet grants, AccessTarget target, Visit visit) {
    Resource resource = target.resource();
    Optional<Grant> found = Optional.empty();
    if (resource instanceof Document document) {
      found = atLevel(grants, document, Level.EXACT_DOCUMENT, Level.DOCUMENT_PREFIX, visit);
      Optional<String> folderId = target.folderId();
      if (found.isEmpty() && folderId.isPresent()) {
        Folder folder = new Folder(folderId.get(), document.organizationId());
        found = atLevel(grants, folder, Level.EXACT_FOLDER, Level.FOLDER_PREFIX, visit);
      }
    } else if (resource instanceof Folder folder) {
      found = atLevel(grants, folder, Level.EXACT_FOLDER, Level.FOLDER_PREFIX, visit);
    }
    if (found.isPresent()) {
      return found;
    }
    return grants
        .on(new Organization(resource.organizationId()))
        .filter(grant -> visit.stopsAt(grant, Level.ORGANIZATION));
  }

  private static Optional<Grant> atLevel(
      GrantSet grants, Resource resource, Level exact, Level prefix, Visit visit) {
    Optional<Grant> onIt = grants.on(resource).filter(grant -> visit.stopsAt(grant, exact));
    if (onIt.isPresent()) {
      return onIt;
    }
    for (Grant grant : grants.prefixesCovering(resource)) {
      if (visit.stopsAt(grant, prefix)) {
        return Optional.of(grant);
      }
    }
    return Optional.empty();
  }
}
