package dev.tokenmint.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.access.AccessDecision.Allowed;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link NarrowingPolicy} against brute force: over random parent and child grant sets in two
 * organizations, with ids of the letters a and b, the policy says "within" exactly when, for every
 * question about every id of up to three letters a, b and c (c being a letter no grant names), with
 * and without a folder, at every second from now until the child expires, the child's effective
 * role is at most the parent's.
 */
class NarrowingPropertiesTest {

  private static final long NOW = 1_800_000_000L;
  private static final long LIFETIME = 6;
  private static final List<String> ORGANIZATIONS = List.of("o1", "o2");
  private static final List<String> IDS = idsUpTo(3);

  record Placed(String type, String id, String organizationId, AccessRole role, Optional<Long> in) {
    Resource resource() {
      return switch (type) {
        case "organization" -> new Organization(organizationId);
        case "folder" -> new Folder(id, organizationId);
        default -> new Document(id, organizationId);
      };
    }

    Grant grant() {
      return new Grant(resource(), role, in.map(s -> Instant.ofEpochSecond(NOW + s)));
    }
  }

  private static GrantSet grants(List<Placed> placed) {
    Set<Resource> seen = new HashSet<>();
    List<Grant> grants = new ArrayList<>();
    for (Placed p : placed) {
      if (seen.add(p.resource())) {
        grants.add(p.grant());
      }
    }
    return GrantSet.of(grants);
  }

  /** Every question the brute force asks in one organization. */
  private static List<AccessTarget> questions(String organizationId) {
    List<AccessTarget> questions = new ArrayList<>();
    questions.add(AccessTarget.of(new Organization(organizationId)));
    for (String id : IDS) {
      questions.add(AccessTarget.of(new Folder(id, organizationId)));
      questions.add(AccessTarget.of(new Document(id, organizationId)));
      for (String folder : IDS) {
        questions.add(new AccessTarget(new Document(id, organizationId), Optional.of(folder)));
      }
    }
    return questions;
  }

  private static Optional<AccessRole> role(GrantSet grants, AccessTarget target, Instant at) {
    return AccessPolicy.effectiveAccess(grants, target, at) instanceof Allowed allowed
        ? Optional.of(allowed.role())
        : Optional.empty();
  }

  private static boolean bruteForceWithin(GrantSet held, GrantSet wanted) {
    for (String organizationId : ORGANIZATIONS) {
      for (AccessTarget target : questions(organizationId)) {
        for (long second = NOW; second < NOW + LIFETIME; second++) {
          Instant at = Instant.ofEpochSecond(second);
          Optional<AccessRole> child = role(wanted, target, at);
          Optional<AccessRole> parent = role(held, target, at);
          if (child.isPresent() && !parent.map(p -> p.includes(child.get())).orElse(false)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Property(tries = 300)
  void within_exactly_when_no_question_at_no_time_gets_more_from_the_child(
      @ForAll("grantLists") List<Placed> parent, @ForAll("grantLists") List<Placed> child) {
    GrantSet held = grants(parent);
    GrantSet wanted = grants(child);

    Narrowing narrowing =
        NarrowingPolicy.narrows(
            held, wanted, Instant.ofEpochSecond(NOW), Instant.ofEpochSecond(NOW + LIFETIME));

    assertThat(narrowing instanceof Narrowing.Within)
        .as("%s for child %s of parent %s", narrowing, wanted, held)
        .isEqualTo(bruteForceWithin(held, wanted));
    if (narrowing instanceof Narrowing.Wider wider) {
      assertThat(wanted.asList()).contains(wider.grant());
    }
  }

  @Property(tries = 200)
  void a_subset_of_the_parent_with_weaker_roles_is_within_when_nothing_is_dropped_below_it(
      @ForAll("grantLists") List<Placed> parent) {
    GrantSet held = grants(parent);
    List<Grant> weaker =
        held.asList().stream()
            .map(g -> new Grant(g.resource(), AccessRole.VIEWER, g.expiresAt()))
            .toList();

    // The parent's own grants, all as viewer: nothing is dropped, so nothing is uncovered.
    assertThat(
            NarrowingPolicy.narrows(
                held,
                GrantSet.of(weaker),
                Instant.ofEpochSecond(NOW),
                Instant.ofEpochSecond(NOW + LIFETIME)))
        .isEqualTo(new Narrowing.Within());
  }

  @Provide
  Arbitrary<List<Placed>> grantLists() {
    Arbitrary<String> type = Arbitraries.of("organization", "folder", "document");
    Arbitrary<String> exact =
        Arbitraries.strings().withChars('a', 'b').ofMinLength(1).ofMaxLength(3);
    Arbitrary<String> pattern =
        Arbitraries.strings().withChars('a', 'b').ofMinLength(0).ofMaxLength(2).map(p -> p + "*");
    Arbitrary<Optional<Long>> in = Arbitraries.longs().between(-1, LIFETIME + 1).optional(0.5);
    Arbitrary<Placed> placed =
        Combinators.combine(
                type,
                Arbitraries.oneOf(exact, pattern),
                Arbitraries.of(ORGANIZATIONS),
                Arbitraries.of(AccessRole.class),
                in)
            .as(Placed::new);
    return placed.list().ofMaxSize(6);
  }

  private static List<String> idsUpTo(int length) {
    List<String> ids = new ArrayList<>();
    List<String> current = List.of("");
    for (int i = 0; i < length; i++) {
      List<String> next = new ArrayList<>();
      for (String id : current) {
        for (char c : new char[] {'a', 'b', 'c'}) {
          next.add(id + c);
        }
      }
      ids.addAll(next);
      current = next;
    }
    return ids;
  }
}
