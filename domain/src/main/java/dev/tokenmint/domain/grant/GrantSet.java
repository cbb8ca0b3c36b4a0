package dev.tokenmint.domain.grant;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.resource.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Grants on distinct resources, in a stable order. Naming the same resource twice is ambiguous and
 * refused; a prefix pattern ({@code report_*}) is a resource of its own, so the same pattern twice
 * is refused too. Prefix grants are indexed so that finding those that cover an id costs a few hash
 * look-ups, not a pass over every grant.
 */
public final class GrantSet {

  private static final GrantSet EMPTY = new GrantSet(Map.of());

  private final Map<Resource, Grant> byResource;

  /** The grants in order, built once: every token's permissions claim reads them. */
  private final List<Grant> inOrder;

  /** The prefix grants by type, organization and prefix text. */
  private final Map<PrefixKey, Grant> byPrefix;

  /** Per type and organization, the distinct lengths of its prefixes, longest first. */
  private final Map<Scope, int[]> prefixLengths;

  private record Scope(ResourceType type, String organizationId) {}

  private record PrefixKey(ResourceType type, String organizationId, String prefix) {}

  private GrantSet(Map<Resource, Grant> byResource) {
    this.byResource = byResource;
    this.inOrder = List.copyOf(byResource.values());
    Map<PrefixKey, Grant> prefixes = new HashMap<>();
    Map<Scope, TreeSet<Integer>> lengths = new HashMap<>();
    for (Grant grant : byResource.values()) {
      Resource resource = grant.resource();
      if (resource.isPrefix()) {
        String prefix = resource.prefix();
        prefixes.put(new PrefixKey(resource.type(), resource.organizationId(), prefix), grant);
        lengths
            .computeIfAbsent(
                new Scope(resource.type(), resource.organizationId()),
                scope -> new TreeSet<>(Comparator.reverseOrder()))
            .add(prefix.length());
      }
    }
    this.byPrefix = prefixes;
    Map<Scope, int[]> sorted = new HashMap<>();
    lengths.forEach(
        (scope, set) -> sorted.put(scope, set.stream().mapToInt(Integer::intValue).toArray()));
    this.prefixLengths = sorted;
  }

  /** No grants. */
  public static GrantSet empty() {
    return EMPTY;
  }

  /**
   * The grants in their given order.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming each {@code [i]} that
   *     repeats an earlier resource
   */
  public static GrantSet of(List<Grant> grants) {
    Violations violations = new Violations();
    Map<Resource, Grant> byResource = new LinkedHashMap<>();
    Map<Resource, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < grants.size(); i++) {
      Grant grant = grants.get(i);
      Integer first = firstIndex.putIfAbsent(grant.resource(), i);
      if (first != null) {
        violations.add(
            "[" + i + "]",
            "names the same resource as [" + first + "]; one grant per resource, please");
      } else {
        byResource.put(grant.resource(), grant);
      }
    }
    violations.throwIfAny();
    return new GrantSet(Collections.unmodifiableMap(byResource));
  }

  /**
   * These grants, then every grant of {@code stored} on a resource not named here: a grant given
   * with the request wins over a stored grant on the same resource.
   */
  public GrantSet over(GrantSet stored) {
    if (stored.byResource.isEmpty()) {
      return this;
    }
    Map<Resource, Grant> merged = new LinkedHashMap<>(byResource);
    stored.byResource.forEach(merged::putIfAbsent);
    return new GrantSet(Collections.unmodifiableMap(merged));
  }

  /** The grant on exactly this resource (or exactly this pattern), if any. */
  public Optional<Grant> on(Resource resource) {
    return Optional.ofNullable(byResource.get(resource));
  }

  /**
   * The prefix grants that cover {@code resource} (same type and organization, a prefix its id
   * starts with), the longest prefix first; empty for an organization.
   */
  public List<Grant> prefixesCovering(Resource resource) {
    int[] lengths = prefixLengths.get(new Scope(resource.type(), resource.organizationId()));
    if (lengths == null) {
      return List.of();
    }
    String id = resource.id();
    List<Grant> covering = new ArrayList<>(2);
    for (int length : lengths) {
      if (length <= id.length()) {
        Grant grant =
            byPrefix.get(
                new PrefixKey(resource.type(), resource.organizationId(), id.substring(0, length)));
        if (grant != null) {
          covering.add(grant);
        }
      }
    }
    return covering;
  }

  /** The grants in order. */
  public List<Grant> asList() {
    return inOrder;
  }

  /** How many grants. */
  public int size() {
    return byResource.size();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GrantSet that
        && new ArrayList<>(byResource.values()).equals(new ArrayList<>(that.byResource.values()));
  }

  @Override
  public int hashCode() {
    return new ArrayList<>(byResource.values()).hashCode();
  }

  @Override
  public String toString() {
    return "GrantSet" + byResource.values();
  }
}
