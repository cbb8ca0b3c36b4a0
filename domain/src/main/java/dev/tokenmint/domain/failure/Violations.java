package dev.tokenmint.domain.failure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collects violations while a value is checked, so the caller hears of every problem at once.
 * Mutable and meant for one check on one thread.
 */
public final class Violations {

  private final List<Violation> found = new ArrayList<>();

  /** Records {@code message} for {@code field} unless {@code holds}. Returns {@code holds}. */
  public boolean require(boolean holds, String field, String message) {
    if (!holds) {
      found.add(new Violation(field, message));
    }
    return holds;
  }

  /** Records a violation. */
  public void add(String field, String message) {
    found.add(new Violation(field, message));
  }

  /**
   * Builds a nested value; if it is invalid, records its violations under {@code prefix} and
   * returns empty.
   */
  public <T> Optional<T> collect(String prefix, Supplier<T> build) {
    try {
      return Optional.of(build.get());
    } catch (InvalidArgumentException e) {
      e.violations().forEach(v -> found.add(v.under(prefix)));
      return Optional.empty();
    }
  }

  /** True when nothing was recorded. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws {@link InvalidArgumentException} with everything recorded, if anything was. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidArgumentException(found);
    }
  }
}
