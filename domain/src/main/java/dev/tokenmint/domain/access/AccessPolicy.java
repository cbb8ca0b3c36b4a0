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
    for (Applicable applicable : applicable(grants, target)) {
      Grant grant = applicable.grant();
      if (grant.isActiveAt(now)) {
        return new AccessDecision.Allowed(grant);
      }
      expired.add(
          describe(grant.resource())
              + " expired at "
              + grant.expiresAt().orElseThrow().getEpochSecond());
    }
    if (!expired.isEmpty()) {
      return new AccessDecision.Denied("every grant that applies has expired: " + expired);
    }
    return new AccessDecision.Denied(
        "no grant on "
            + String.join(", ", target.chain().stream().map(AccessPolicy::describe).toList()));
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
              + describe(allowed.decidedBy().resource())
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
    Resource resource = target.resource();
    if (resource instanceof Document document) {
      atLevel(found, grants, document, Level.EXACT_DOCUMENT, Level.DOCUMENT_PREFIX);
      Optional<String> folderId = target.folderId();
      if (folderId.isPresent()) {
        Folder folder = new Folder(folderId.get(), document.organizationId());
        atLevel(found, grants, folder, Level.EXACT_FOLDER, Level.FOLDER_PREFIX);
      }
    } else if (resource instanceof Folder folder) {
      atLevel(found, grants, folder, Level.EXACT_FOLDER, Level.FOLDER_PREFIX);
    }
    grants
        .on(new Organization(resource.organizationId()))
        .ifPresent(grant -> found.add(new Applicable(grant, Level.ORGANIZATION)));
    return found;
  }

  private static void atLevel(
      List<Applicable> found, GrantSet grants, Resource resource, Level exact, Level prefix) {
    grants.on(resource).ifPresent(grant -> found.add(new Applicable(grant, exact)));
    for (Grant grant : grants.prefixesCovering(resource)) {
      found.add(new Applicable(grant, prefix));
    }
  }

  static String describe(Resource resource) {
    return resource.type().wireName() + " '" + resource.id() + "'";
  }
}
