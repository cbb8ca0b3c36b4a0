package dev.tokenmint.domain.failure;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Failure: the request breaks one or more rules. Carries every violation found, not just the first,
 * each with the path of the field it concerns.
 */
public final class InvalidArgumentException extends TokenmintException {

  private final List<Violation> violations;

  /** Creates the failure from at least one violation. */
  public InvalidArgumentException(List<Violation> violations) {
    this(violations, null);
  }

  /** {@code remedy} may be null: none. */
  private InvalidArgumentException(List<Violation> violations, Remedy remedy) {
    super(FailureKind.INVALID_ARGUMENT, describe(violations), remedy);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException(
          "an InvalidArgumentException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Creates the failure for one field. */
  public InvalidArgumentException(String field, String message) {
    this(List.of(new Violation(field, message)));
  }

  /** Creates the failure for one field, and what the caller can do about it. */
  public InvalidArgumentException(String field, String message, Remedy remedy) {
    this(List.of(new Violation(field, message)), Objects.requireNonNull(remedy, "remedy"));
  }

  /** Every violation, in the order found. */
  public List<Violation> violations() {
    return violations;
  }

  /** The same failure with every field path placed under {@code prefix}. */
  public InvalidArgumentException under(String prefix) {
    return new InvalidArgumentException(
        violations.stream().map(v -> v.under(prefix)).toList(), remedy().orElse(null));
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
  }
}
