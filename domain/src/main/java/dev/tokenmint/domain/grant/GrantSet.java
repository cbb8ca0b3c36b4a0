package dev.tokenmint.domain.grant;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grants on distinct resources, in a stable order. Naming the same resource twice is ambiguous and
 * refused.
 */
public final class GrantSet {

  private static final GrantSet EMPTY = new GrantSet(Map.of());

  private final Map<Resource, Grant> byResource;

  private GrantSet(Map<Resource, Grant> byResource) {
    this.byResource = byResource;
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

  /** The grant on exactly this resource, if any. */
  public Optional<Grant> on(Resource resource) {
    return Optional.ofNullable(byResource.get(resource));
  }

  /** The grants in order. */
  public List<Grant> asList() {
    return List.copyOf(byResource.values());
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
