package dev.tokenmint.domain.user;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a request says about a user's attributes, read as a JSON merge patch (RFC 7396) of one
 * level: each name given with a value sets it, each name given as {@code null} drops it, and the
 * names left out keep what is stored. The one merge rule for attributes, in the users API (what is
 * stored) and in token requests (what one token carries, the stored attributes left unchanged).
 */
public record AttributesUpdate(Attributes set, Set<String> removed) {

  private static final AttributesUpdate NONE = new AttributesUpdate(Attributes.empty(), Set.of());

  /** The names set and dropped are distinct. */
  public AttributesUpdate {
    Objects.requireNonNull(set, "set");
    removed = Collections.unmodifiableSet(new TreeSet<>(removed));
    for (String name : removed) {
      if (set.get(name).isPresent()) {
        throw new IllegalArgumentException("attribute '" + name + "' is both set and removed");
      }
    }
  }

  /** No change. */
  public static AttributesUpdate none() {
    return NONE;
  }

  /**
   * The update a request's {@code attributes} object gives: values as a JSON reader gives them,
   * {@code null} for a name to drop. At most {@value Attributes#MAX_NAMES} names in all; field
   * paths as {@link Attributes#of} names them, relative to {@code attributes}.
   *
   * @throws InvalidArgumentException when a name or a value breaks the rules of {@link Attributes}
   */
  public static AttributesUpdate fromWire(Map<String, ?> given) {
    Objects.requireNonNull(given, "given");
    if (given.size() > Attributes.MAX_NAMES) {
      throw new InvalidArgumentException(
          "", "must hold at most " + Attributes.MAX_NAMES + " names, got " + given.size());
    }
    Violations violations = new Violations();
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> removed = new TreeSet<>();
    given.forEach(
        (name, value) -> {
          if (value != null) {
            values.put(name, value);
          } else if (Attributes.checkName(violations, name)) {
            removed.add(name);
          }
        });
    Optional<Attributes> set = violations.collect("", () -> Attributes.of(values));
    violations.throwIfAny();
    return new AttributesUpdate(set.orElseThrow(), removed);
  }

  /** True when it changes nothing. */
  public boolean isEmpty() {
    return set.isEmpty() && removed.isEmpty();
  }

  /**
   * {@code stored} with this update applied: names set here win, names removed here are dropped,
   * the rest is kept.
   *
   * @throws InvalidArgumentException at field {@code ""} when the result would hold more than
   *     {@value Attributes#MAX_NAMES} names or {@value Attributes#MAX_BYTES} bytes
   */
  public Attributes applyTo(Attributes stored) {
    return stored.changedBy(set, removed);
  }
}
