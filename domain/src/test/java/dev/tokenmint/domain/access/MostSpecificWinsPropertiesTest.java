package dev.tokenmint.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.access.AccessDecision.Allowed;
import dev.tokenmint.domain.access.AccessDecision.Denied;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The access rule with prefix grants ({@link AccessPolicy}) against a brute-force oracle written
 * from the rule's text alone: over random sets of exact and prefix grants in two organizations,
 * with ids of a two-letter alphabet (so prefixes often overlap), the deciding grant is the
 * unexpired one that applies with the lowest rank, the rank being (exact document, document prefix,
 * exact folder, folder prefix, organization), longer prefixes first within a level.
 */
class MostSpecificWinsPropertiesTest {

  private static final List<String> ORGANIZATIONS = List.of("o1", "o2");

  /** A grant to place: what it names, with which role, expiring when (seconds from now). */
  record Placed(String type, String id, String organizationId, AccessRole role, Optional<Long> in) {

    Resource resource() {
      return switch (type) {
        case "organization" -> new Organization(organizationId);
        case "folder" -> new Folder(id, organizationId);
        default -> new Document(id, organizationId);
      };
    }

    Grant grant(long nowSecond) {
      return new Grant(resource(), role, in.map(s -> Instant.ofEpochSecond(nowSecond + s)));
    }
  }

  /** A question: a document (maybe in a folder), a folder or an organization. */
  record Question(String type, String id, String organizationId, Optional<String> folderId) {

    AccessTarget target() {
      return switch (type) {
        case "organization" -> AccessTarget.of(new Organization(organizationId));
        case "folder" -> AccessTarget.of(new Folder(id, organizationId));
        default -> new AccessTarget(new Document(id, organizationId), folderId);
      };
    }
  }

  record Scenario(List<Placed> placed, Question question, long nowSecond, int nowNanos) {

    Instant now() {
      return Instant.ofEpochSecond(nowSecond, nowNanos);
    }

    /** The placed grants, one per resource (the first wins), as a grant set. */
    GrantSet grants() {
      Set<Resource> seen = new HashSet<>();
      List<Grant> grants = new ArrayList<>();
      for (Placed p : placed) {
        if (seen.add(p.resource())) {
          grants.add(p.grant(nowSecond));
        }
      }
      return GrantSet.of(grants);
    }
  }

  /**
   * The oracle's rank of a grant for a question: lower decides first; empty when it does not apply.
   */
  private static Optional<int[]> rank(Grant grant, Question q) {
    Resource r = grant.resource();
    if (!r.organizationId().equals(q.organizationId())) {
      return Optional.empty();
    }
    String id = r.id();
    boolean pattern = !(r instanceof Organization) && id.endsWith("*");
    String prefix = pattern ? id.substring(0, id.length() - 1) : id;
    if (r instanceof Organization) {
      return Optional.of(new int[] {4, 0});
    }
    if (r instanceof Document && q.type().equals("document")) {
      if (!pattern && id.equals(q.id())) {
        return Optional.of(new int[] {0, 0});
      }
      if (pattern && q.id().startsWith(prefix)) {
        return Optional.of(new int[] {1, -prefix.length()});
      }
    }
    if (r instanceof Folder) {
      Optional<String> folder =
          switch (q.type()) {
            case "folder" -> Optional.of(q.id());
            case "document" -> q.folderId();
            default -> Optional.empty();
          };
      if (folder.isPresent() && !pattern && id.equals(folder.get())) {
        return Optional.of(new int[] {2, 0});
      }
      if (folder.isPresent() && pattern && folder.get().startsWith(prefix)) {
        return Optional.of(new int[] {3, -prefix.length()});
      }
    }
    return Optional.empty();
  }

  private static Optional<Grant> oracle(GrantSet grants, Question q, Instant now) {
    Comparator<int[]> byRank =
        Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]);
    return grants.asList().stream()
        .filter(g -> g.expiresAt().map(at -> at.isAfter(now)).orElse(true))
        .filter(g -> rank(g, q).isPresent())
        .min((a, b) -> byRank.compare(rank(a, q).orElseThrow(), rank(b, q).orElseThrow()));
  }

  @Property(tries = 2000)
  void the_deciding_grant_is_the_unexpired_applicable_grant_of_lowest_rank(
      @ForAll("scenarios") Scenario scenario) {
    GrantSet grants = scenario.grants();
    Optional<Grant> expected = oracle(grants, scenario.question(), scenario.now());

    AccessDecision decision =
        AccessPolicy.effectiveAccess(grants, scenario.question().target(), scenario.now());

    if (expected.isPresent()) {
      assertThat(decision).isEqualTo(new Allowed(expected.get()));
    } else {
      assertThat(decision).isInstanceOf(Denied.class);
    }
  }

  @Property
  void the_applicable_grants_are_exactly_those_the_oracle_ranks_in_its_order(
      @ForAll("scenarios") Scenario scenario) {
    GrantSet grants = scenario.grants();
    Question q = scenario.question();
    Comparator<Grant> byRank =
        Comparator.comparingInt((Grant g) -> rank(g, q).orElseThrow()[0])
            .thenComparingInt(g -> rank(g, q).orElseThrow()[1]);
    List<Grant> expected =
        grants.asList().stream().filter(g -> rank(g, q).isPresent()).sorted(byRank).toList();

    List<Grant> applicable =
        AccessPolicy.applicable(grants, q.target()).stream()
            .map(AccessPolicy.Applicable::grant)
            .toList();

    assertThat(applicable).isEqualTo(expected);
  }

  @Property
  void grants_of_another_organization_never_change_the_decision(
      @ForAll("scenarios") Scenario scenario) {
    Question q = scenario.question();
    List<Placed> sameOrganization =
        scenario.placed().stream()
            .filter(p -> p.organizationId().equals(q.organizationId()))
            .toList();
    Scenario without = new Scenario(sameOrganization, q, scenario.nowSecond(), scenario.nowNanos());

    assertThat(AccessPolicy.effectiveAccess(scenario.grants(), q.target(), scenario.now()))
        .isEqualTo(AccessPolicy.effectiveAccess(without.grants(), q.target(), scenario.now()));
  }

  @Property
  void an_expired_grant_decides_nothing_at_any_level(@ForAll("scenarios") Scenario scenario) {
    Instant now = scenario.now();
    GrantSet grants = scenario.grants();
    GrantSet unexpired =
        GrantSet.of(grants.asList().stream().filter(g -> g.isActiveAt(now)).toList());
    AccessTarget target = scenario.question().target();

    AccessDecision withExpired = AccessPolicy.effectiveAccess(grants, target, now);
    AccessDecision withoutExpired = AccessPolicy.effectiveAccess(unexpired, target, now);

    if (withoutExpired instanceof Allowed) {
      assertThat(withExpired).isEqualTo(withoutExpired);
    } else {
      assertThat(withExpired).isInstanceOf(Denied.class);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Combinators.combine(
            placed().list().ofMaxSize(12),
            question(),
            Arbitraries.longs().between(10, 253_402_300_790L),
            Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999)))
        .as(Scenario::new);
  }

  /** Ids of the letters a and b, one to four long, so prefixes often overlap. */
  private static Arbitrary<String> ids() {
    return Arbitraries.strings().withChars('a', 'b').ofMinLength(1).ofMaxLength(4);
  }

  private static Arbitrary<String> patterns() {
    return Arbitraries.strings()
        .withChars('a', 'b')
        .ofMinLength(0)
        .ofMaxLength(3)
        .map(p -> p + "*");
  }

  private static Arbitrary<Placed> placed() {
    Arbitrary<String> type = Arbitraries.of("organization", "folder", "document");
    Arbitrary<String> id = Arbitraries.oneOf(ids(), patterns());
    Arbitrary<Optional<Long>> in = Arbitraries.longs().between(-3, 3).optional(0.6);
    return Combinators.combine(
            type, id, Arbitraries.of(ORGANIZATIONS), Arbitraries.of(AccessRole.class), in)
        .as(Placed::new);
  }

  private static Arbitrary<Question> question() {
    return Combinators.combine(
            Arbitraries.of("organization", "folder", "document"),
            ids(),
            Arbitraries.of(ORGANIZATIONS),
            ids().optional(0.6))
        .as(
            (type, id, org, folder) ->
                new Question(type, id, org, type.equals("document") ? folder : Optional.empty()));
  }
}
