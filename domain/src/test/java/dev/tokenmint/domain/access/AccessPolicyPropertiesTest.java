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
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The access rule ({@link AccessPolicy}) against a simple oracle: for grants on an organization, a
 * folder and a document of it (each present or not, any role, expiring a few seconds around now or
 * never), the effective role is the role of the first unexpired grant of document, folder,
 * organization.
 */
class AccessPolicyPropertiesTest {

  private static final Organization ORG = new Organization("org_1");
  private static final Folder FOLDER = new Folder("folder_1", "org_1");
  private static final Document DOC = new Document("doc_1", "org_1");

  /** Resources that never decide access to the target: another organization, or siblings. */
  private static final List<Resource> ELSEWHERE =
      List.of(
          new Organization("org_2"),
          new Folder("folder_1", "org_2"),
          new Document("doc_1", "org_2"),
          new Folder("folder_2", "org_1"),
          new Document("doc_2", "org_1"));

  /** Which question is asked. */
  enum Asked {
    DOCUMENT_IN_FOLDER,
    DOCUMENT,
    FOLDER,
    ORGANIZATION
  }

  /** A grant to place: its role and its expiry in seconds from now, if it has one. */
  record Placed(AccessRole role, Optional<Long> expiresInSeconds) {

    /** The oracle's notion of expiry, independent of {@link Grant#isActiveAt}. */
    boolean unexpired() {
      return expiresInSeconds.isEmpty() || expiresInSeconds.get() > 0;
    }

    Grant on(Resource resource, long nowSecond) {
      return new Grant(
          resource,
          role,
          expiresInSeconds.map(offset -> Instant.ofEpochSecond(nowSecond + offset)));
    }
  }

  /** One case: the time, the grants on each level and elsewhere, and the question. */
  record Scenario(
      long nowSecond,
      int nowNanos,
      Optional<Placed> onOrg,
      Optional<Placed> onFolder,
      Optional<Placed> onDoc,
      List<Optional<Placed>> elsewhere,
      Asked asked,
      boolean reversed) {

    Instant now() {
      return Instant.ofEpochSecond(nowSecond, nowNanos);
    }

    AccessTarget target() {
      return switch (asked) {
        case DOCUMENT_IN_FOLDER -> new AccessTarget(DOC, Optional.of(FOLDER.id()));
        case DOCUMENT -> AccessTarget.of(DOC);
        case FOLDER -> AccessTarget.of(FOLDER);
        case ORGANIZATION -> AccessTarget.of(ORG);
      };
    }

    /** The placed grants that apply to the question, most specific first. */
    List<Optional<Placed>> applicable() {
      return switch (asked) {
        case DOCUMENT_IN_FOLDER -> List.of(onDoc, onFolder, onOrg);
        case DOCUMENT -> List.of(onDoc, onOrg);
        case FOLDER -> List.of(onFolder, onOrg);
        case ORGANIZATION -> List.of(onOrg);
      };
    }

    GrantSet grants() {
      return GrantSet.of(grantList(true));
    }

    GrantSet grantsWithoutElsewhere() {
      return GrantSet.of(grantList(false));
    }

    private List<Grant> grantList(boolean withElsewhere) {
      List<Grant> grants = new ArrayList<>();
      onOrg.ifPresent(p -> grants.add(p.on(ORG, nowSecond)));
      onFolder.ifPresent(p -> grants.add(p.on(FOLDER, nowSecond)));
      onDoc.ifPresent(p -> grants.add(p.on(DOC, nowSecond)));
      if (withElsewhere) {
        for (int i = 0; i < ELSEWHERE.size(); i++) {
          Resource resource = ELSEWHERE.get(i);
          elsewhere.get(i).ifPresent(p -> grants.add(p.on(resource, nowSecond)));
        }
      }
      if (reversed) {
        Collections.reverse(grants);
      }
      return grants;
    }
  }

  @Property
  void effective_access_is_the_role_of_the_most_specific_unexpired_grant(
      @ForAll("scenarios") Scenario scenario) {
    Optional<AccessRole> expected =
        scenario.applicable().stream()
            .flatMap(Optional::stream)
            .filter(Placed::unexpired)
            .map(Placed::role)
            .findFirst();

    AccessDecision decision =
        AccessPolicy.effectiveAccess(scenario.grants(), scenario.target(), scenario.now());

    if (expected.isPresent()) {
      assertThat(decision).isInstanceOf(Allowed.class);
      assertThat(((Allowed) decision).role()).isEqualTo(expected.get());
      assertThat(((Allowed) decision).decidedBy().isActiveAt(scenario.now())).isTrue();
    } else {
      assertThat(decision).isInstanceOf(Denied.class);
      boolean anyApplies = scenario.applicable().stream().anyMatch(Optional::isPresent);
      String reason = ((Denied) decision).reason();
      if (anyApplies) {
        assertThat(reason).startsWith("every grant that applies has expired");
      } else {
        assertThat(reason).startsWith("no grant on");
      }
    }
  }

  @Property
  void deciding_grant_is_one_of_the_applicable_grants(@ForAll("scenarios") Scenario scenario) {
    AccessDecision decision =
        AccessPolicy.effectiveAccess(scenario.grants(), scenario.target(), scenario.now());

    if (decision instanceof Allowed allowed) {
      assertThat(scenario.target().chain()).contains(allowed.decidedBy().resource());
      assertThat(scenario.grants().asList()).contains(allowed.decidedBy());
    }
  }

  @Property
  void grants_elsewhere_never_affect_the_decision(@ForAll("scenarios") Scenario scenario) {
    AccessTarget target = scenario.target();
    Instant now = scenario.now();

    assertThat(AccessPolicy.effectiveAccess(scenario.grants(), target, now))
        .isEqualTo(AccessPolicy.effectiveAccess(scenario.grantsWithoutElsewhere(), target, now));
  }

  @Property
  void viewer_access_is_allowed_whenever_editor_access_is(@ForAll("scenarios") Scenario scenario) {
    AccessDecision asEditor =
        AccessPolicy.check(scenario.grants(), scenario.target(), AccessRole.EDITOR, scenario.now());
    AccessDecision asViewer =
        AccessPolicy.check(scenario.grants(), scenario.target(), AccessRole.VIEWER, scenario.now());

    if (asEditor instanceof Allowed) {
      assertThat(asViewer).isEqualTo(asEditor);
    }
  }

  @Property
  void check_allows_exactly_when_the_effective_role_includes_the_required_one(
      @ForAll("scenarios") Scenario scenario, @ForAll AccessRole required) {
    AccessDecision effective =
        AccessPolicy.effectiveAccess(scenario.grants(), scenario.target(), scenario.now());

    AccessDecision checked =
        AccessPolicy.check(scenario.grants(), scenario.target(), required, scenario.now());

    boolean includes = effective instanceof Allowed a && a.role().includes(required);
    assertThat(checked instanceof Allowed).isEqualTo(includes);
    if (includes) {
      assertThat(checked).isEqualTo(effective);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Optional<Placed>> placed = placed().optional(0.6);
    Arbitrary<Long> nowSecond = Arbitraries.longs().between(10, 253_402_300_790L);
    Arbitrary<Integer> nowNanos =
        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(
            nowSecond,
            nowNanos,
            placed,
            placed,
            placed,
            placed.list().ofSize(ELSEWHERE.size()),
            Arbitraries.of(Asked.class),
            Arbitraries.of(true, false))
        .as(Scenario::new);
  }

  private static Arbitrary<Placed> placed() {
    Arbitrary<Optional<Long>> expiresIn = Arbitraries.longs().between(-3, 3).optional(0.7);
    return Combinators.combine(Arbitraries.of(AccessRole.class), expiresIn).as(Placed::new);
  }
}
