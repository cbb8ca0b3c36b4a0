package dev.tokenmint.domain.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Merging request grants over stored grants (the request wins on the same resource). */
class GrantSetPropertiesTest {

  /**
   * A small pool, so that request and stored grants often name the same resource; the patterns are
   * resources of their own, distinct from the ids they cover.
   */
  private static final List<Resource> POOL =
      List.of(
          new Organization("org_1"),
          new Organization("org_2"),
          new Folder("folder_1", "org_1"),
          new Folder("folder_1", "org_2"),
          new Document("doc_1", "org_1"),
          new Document("doc_2", "org_1"),
          new Document("doc_1", "org_2"),
          new Document("doc_*", "org_1"),
          new Folder("*", "org_1"));

  @Property
  void request_grants_come_first_unchanged_then_stored_grants_on_other_resources(
      @ForAll("grantLists") List<Grant> requestGrants,
      @ForAll("grantLists") List<Grant> storedGrants) {
    GrantSet request = GrantSet.of(requestGrants);
    GrantSet stored = GrantSet.of(storedGrants);
    Set<Resource> requested =
        requestGrants.stream().map(Grant::resource).collect(Collectors.toSet());
    List<Grant> storedElsewhere =
        storedGrants.stream().filter(g -> !requested.contains(g.resource())).toList();

    List<Grant> merged = request.over(stored).asList();

    assertThat(merged.subList(0, requestGrants.size())).isEqualTo(requestGrants);
    assertThat(merged.subList(requestGrants.size(), merged.size())).isEqualTo(storedElsewhere);
    assertThat(merged).hasSize(requestGrants.size() + storedElsewhere.size());
  }

  @Property
  void on_each_resource_the_request_grant_wins_and_stored_grants_fill_in(
      @ForAll("grantLists") List<Grant> requestGrants,
      @ForAll("grantLists") List<Grant> storedGrants) {
    GrantSet request = GrantSet.of(requestGrants);
    GrantSet stored = GrantSet.of(storedGrants);

    GrantSet merged = request.over(stored);

    for (Resource resource : POOL) {
      Optional<Grant> expected = request.on(resource).or(() -> stored.on(resource));
      assertThat(merged.on(resource)).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<List<Grant>> grantLists() {
    Arbitrary<Optional<Instant>> expiries =
        Arbitraries.longs().between(1, 4_102_444_800L).map(Instant::ofEpochSecond).optional(0.3);
    Arbitrary<Grant> grants =
        Combinators.combine(Arbitraries.of(POOL), Arbitraries.of(AccessRole.class), expiries)
            .as(Grant::new);
    return grants.list().ofMaxSize(POOL.size()).uniqueElements(Grant::resource);
  }
}
