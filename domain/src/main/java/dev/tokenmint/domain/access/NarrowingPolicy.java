package dev.tokenmint.domain.access;

import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.resource.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule for a narrower token (token exchange): the grants a child token wants must never allow
 * more than the grants of its parent, on any resource, at any time until the child expires, by the
 * access rule of {@link AccessPolicy}. So a child may narrow a prefix to a longer prefix or to an
 * exact id, take a weaker role, or expire sooner; it may never widen a prefix, and never drop a
 * parent's narrower grant that a broader one it keeps would otherwise override (a parent with
 * {@code editor} on the organization but {@code viewer} on {@code report_*} cannot hand out {@code
 * editor} on the organization alone).
 *
 * <p>It is decided exactly, not sampled: under both sets, the grants that decide for a resource
 * depend only on which exact ids and patterns of the two sets it matches, so one representative
 * resource per such class (each exact id, and for each prefix an id that starts with it and matches
 * nothing longer) is checked, at {@code now} and at every instant before {@code until} when a grant
 * of either set expires. A document's decision splits into its document, folder and organization
 * levels, so the representatives of each level are checked in their combinations by class, not one
 * by one.
 */
public final class NarrowingPolicy {

  private NarrowingPolicy() {}

  /**
   * Whether {@code wanted} stays within {@code held} from {@code now} until {@code until} (the
   * child token's expiry): {@link Narrowing.Within}, or the first wanted grant that decides
   * somewhere with a role the held grants do not give there.
   */
  public static Narrowing narrows(GrantSet held, GrantSet wanted, Instant now, Instant until) {
    Set<String> organizations = new TreeSet<>();
    wanted.asList().forEach(g -> organizations.add(g.resource().organizationId()));
    for (String organizationId : organizations) {
      Optional<Narrowing.Wider> wider = widerIn(organizationId, held, wanted, now, until);
      if (wider.isPresent()) {
        return wider.get();
      }
    }
    return new Narrowing.Within();
  }

  /** A resource of one level standing for a class of them, with how to name it in a reason. */
  private record Representative(Optional<Resource> resource, String description) {}

  /** What decides at one level for a representative, under the wanted and the held grants. */
  private record Deciders(Optional<Grant> wanted, Optional<Grant> held) {
    Object key() {
      return List.of(
          wanted.map(g -> g.role().name()).orElse("-"), held.map(g -> g.role().name()).orElse("-"));
    }
  }

  private static Optional<Narrowing.Wider> widerIn(
      String organizationId, GrantSet held, GrantSet wanted, Instant now, Instant until) {
    List<Grant> relevant = new ArrayList<>();
    for (GrantSet set : List.of(held, wanted)) {
      set.asList().stream()
          .filter(g -> g.resource().organizationId().equals(organizationId))
          .forEach(relevant::add);
    }
    List<Representative> documents =
        representatives(ResourceType.DOCUMENT, organizationId, relevant);
    List<Representative> folders = representatives(ResourceType.FOLDER, organizationId, relevant);
    Organization organization = new Organization(organizationId);
    for (Instant at : instants(relevant, now, until)) {
      Map<Object, Representative> documentClasses = new LinkedHashMap<>();
      Map<Object, Deciders> documentDeciders = new LinkedHashMap<>();
      classify(documents, held, wanted, at, documentClasses, documentDeciders);
      Map<Object, Representative> folderClasses = new LinkedHashMap<>();
      Map<Object, Deciders> folderDeciders = new LinkedHashMap<>();
      classify(folders, held, wanted, at, folderClasses, folderDeciders);
      Deciders atOrganization =
          new Deciders(
              wanted.on(organization).filter(g -> g.isActiveAt(at)),
              held.on(organization).filter(g -> g.isActiveAt(at)));
      for (Object documentClass : documentClasses.keySet()) {
        for (Object folderClass : folderClasses.keySet()) {
          Deciders document = documentDeciders.get(documentClass);
          Deciders folder = folderDeciders.get(folderClass);
          Optional<Grant> wantedDecides =
              document.wanted().or(folder::wanted).or(atOrganization::wanted);
          Optional<Grant> heldDecides = document.held().or(folder::held).or(atOrganization::held);
          if (wantedDecides.isPresent()
              && !heldDecides
                  .map(g -> g.role().includes(wantedDecides.get().role()))
                  .orElse(false)) {
            return Optional.of(
                new Narrowing.Wider(
                    wantedDecides.get(),
                    reason(
                        wantedDecides.get(),
                        heldDecides,
                        documentClasses.get(documentClass),
                        folderClasses.get(folderClass),
                        organization,
                        at.equals(now) ? Optional.empty() : Optional.of(at))));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Groups representatives by what decides for them at their level, keeping the first of each. */
  private static void classify(
      List<Representative> representatives,
      GrantSet held,
      GrantSet wanted,
      Instant at,
      Map<Object, Representative> classes,
      Map<Object, Deciders> deciders) {
    for (Representative representative : representatives) {
      Deciders found =
          representative
              .resource()
              .map(r -> new Deciders(atLevel(wanted, r, at), atLevel(held, r, at)))
              .orElse(new Deciders(Optional.empty(), Optional.empty()));
      Object key = found.key();
      if (!classes.containsKey(key)) {
        classes.put(key, representative);
        deciders.put(key, found);
      }
    }
  }

  /** The first unexpired grant of {@code grants} on {@code resource} itself or a prefix of it. */
  private static Optional<Grant> atLevel(GrantSet grants, Resource resource, Instant at) {
    Optional<Grant> exact = grants.on(resource).filter(g -> g.isActiveAt(at));
    if (exact.isPresent()) {
      return exact;
    }
    return grants.prefixesCovering(resource).stream().filter(g -> g.isActiveAt(at)).findFirst();
  }

  /**
   * One resource of {@code type} per class: "none of this type" (a question about a folder has no
   * document, one about the organization neither), each exact id either set names, and for each
   * prefix (and the empty one) an id that starts with it and with no longer id or prefix.
   */
  private static List<Representative> representatives(
      ResourceType type, String organizationId, List<Grant> relevant) {
    Set<String> exact = new LinkedHashSet<>();
    Set<String> prefixes = new LinkedHashSet<>();
    prefixes.add("");
    for (Grant grant : relevant) {
      Resource r = grant.resource();
      if (r.type() == type) {
        if (r.isPrefix()) {
          prefixes.add(r.prefix());
        } else {
          exact.add(r.id());
        }
      }
    }
    List<Representative> found = new ArrayList<>();
    // First, so that a class with nothing deciding at this level is named by it.
    found.add(new Representative(Optional.empty(), ""));
    String kind = type.wireName();
    for (String id : exact) {
      found.add(
          new Representative(
              Optional.of(resource(type, id, organizationId)), kind + " '" + id + "'"));
    }
    for (String prefix : prefixes) {
      String id = prefix + Character.toString(freshAfter(prefix, exact, prefixes));
      found.add(
          new Representative(
              Optional.of(resource(type, id, organizationId)),
              prefix.isEmpty()
                  ? "a " + kind + " no grant names"
                  : "the " + kind + "s whose ids start with '" + prefix + "'"));
    }
    return found;
  }

  /**
   * A character that, after {@code prefix}, starts no id and no prefix given: from the private use
   * area, which no grant is likely to name, skipping any that one does.
   */
  private static int freshAfter(String prefix, Set<String> exact, Set<String> prefixes) {
    Set<Integer> taken = new TreeSet<>();
    for (Set<String> ids : List.of(exact, prefixes)) {
      for (String id : ids) {
        if (id.length() > prefix.length() && id.startsWith(prefix)) {
          taken.add(id.codePointAt(prefix.length()));
        }
      }
    }
    int candidate = 0xE000;
    while (taken.contains(candidate)) {
      candidate++;
    }
    return candidate;
  }

  private static Resource resource(ResourceType type, String id, String organizationId) {
    return type == ResourceType.FOLDER
        ? new Folder(id, organizationId)
        : new Document(id, organizationId);
  }

  /** {@code now}, then every instant before {@code until} at which a grant here expires. */
  private static Set<Instant> instants(List<Grant> relevant, Instant now, Instant until) {
    Set<Instant> instants = new TreeSet<>();
    instants.add(now);
    for (Grant grant : relevant) {
      grant
          .expiresAt()
          .filter(at -> at.isAfter(now) && at.isBefore(until))
          .ifPresent(instants::add);
    }
    return instants;
  }

  private static String reason(
      Grant wanted,
      Optional<Grant> held,
      Representative document,
      Representative folder,
      Organization organization,
      Optional<Instant> from) {
    String where;
    if (document.resource().isPresent()) {
      where =
          document.description()
              + (folder.resource().isPresent() ? " in " + folder.description() : "");
    } else if (folder.resource().isPresent()) {
      where = folder.description();
    } else {
      where = "organization '" + organization.id() + "'";
    }
    String allowed =
        held.map(
                g ->
                    "only "
                        + g.role().wireName()
                        + " (by the grant on "
                        + g.resource().describe()
                        + ")")
            .orElse("nothing");
    return "the "
        + wanted.role().wireName()
        + " grant on "
        + wanted.resource().describe()
        + " would decide for "
        + where
        + from.map(at -> " from " + at.getEpochSecond() + " on").orElse("")
        + ", where the subject token allows "
        + allowed;
  }
}
