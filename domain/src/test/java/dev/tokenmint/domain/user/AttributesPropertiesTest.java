package dev.tokenmint.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The merge rule of attributes: per name, what the update says wins, the rest is kept. */
class AttributesPropertiesTest {

  @Property
  void per_name_the_update_wins_a_null_drops_and_what_it_leaves_out_is_kept(
      @ForAll("attributes") Map<String, Object> stored,
      @ForAll("updates") Map<String, Object> update) {
    Attributes before = Attributes.of(stored);

    Attributes after = AttributesUpdate.fromWire(update).applyTo(before);

    for (String name : union(stored.keySet(), update.keySet())) {
      if (update.containsKey(name)) {
        assertThat(after.get(name)).isEqualTo(Attributes.of(nonNull(update)).get(name));
      } else {
        assertThat(after.get(name)).isEqualTo(before.get(name));
      }
    }
    assertThat(after.asMap().keySet()).isSubsetOf(union(stored.keySet(), update.keySet()));
  }

  @Property
  void applying_the_same_update_twice_is_applying_it_once(
      @ForAll("attributes") Map<String, Object> stored,
      @ForAll("updates") Map<String, Object> update) {
    AttributesUpdate once = AttributesUpdate.fromWire(update);
    Attributes after = once.applyTo(Attributes.of(stored));

    assertThat(once.applyTo(after)).isEqualTo(after);
  }

  @Property
  void the_counted_size_grows_with_every_name_added(
      @ForAll("attributes") Map<String, Object> given) {
    Attributes attributes = Attributes.of(given);
    Map<String, Object> more = new HashMap<>(given);
    more.put("zz_extra", "");

    assertThat(Attributes.of(more).jsonBytes())
        .isEqualTo(
            attributes.jsonBytes() + "\"zz_extra\":\"\"".length() + (given.isEmpty() ? 0 : 1));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, Object> nonNull(Map<String, Object> map) {
    Map<String, Object> copy = new HashMap<>();
    map.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    return copy;
  }

  @Provide
  Arbitrary<Map<String, Object>> attributes() {
    return Arbitraries.maps(names(), values()).ofMaxSize(8);
  }

  @Provide
  Arbitrary<Map<String, Object>> updates() {
    return Arbitraries.maps(names(), values().injectNull(0.3)).ofMaxSize(8);
  }

  private static Arbitrary<String> names() {
    return Arbitraries.of("region", "tenant", "teams", "level", "beta", "a.b", "x-y", "n_1");
  }

  private static Arbitrary<Object> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMaxLength(10).map(Object.class::cast),
        Arbitraries.longs().between(-1000, 1000).map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast),
        Arbitraries.of(0.5, -1.25, 3.75).map(Object.class::cast),
        Arbitraries.strings().alpha().ofMaxLength(5).list().ofMaxSize(3).map(List::copyOf));
  }
}
