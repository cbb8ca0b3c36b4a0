package dev.tokenmint.domain.grant;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.WireNamed;
import dev.tokenmint.domain.resource.Resource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Access to one resource with one role, until an optional expiry. A past expiry is valid: the grant
 * is simply inert when access is decided.
 */
public record Grant(Resource resource, AccessRole role, Optional<Instant> expiresAt) {

  /** Smallest accepted {@code expiresAt}, in Unix seconds. */
  public static final long MIN_EXPIRES_AT = 1;

  /** First Unix second that is not accepted as {@code expiresAt}: 10000-01-01T00:00:00Z. */
  public static final long YEAR_10000 = 253_402_300_800L;

  /** All parts are required; {@code expiresAt} must lie in [1 s, year 10000). */
  public Grant {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(expiresAt, "expiresAt");
    expiresAt.ifPresent(at -> checkExpiresAt(at.getEpochSecond()));
  }

  /** A grant that never expires. */
  public static Grant of(Resource resource, AccessRole role) {
    return new Grant(resource, role, Optional.empty());
  }

  /**
   * Builds a grant from wire values: {@code accessRole} defaults to {@code editor}, {@code
   * expiresAt} is Unix seconds. Reports every broken rule at once under the fields {@code type},
   * {@code id}, {@code organizationId}, {@code accessRole} and {@code expiresAt}.
   *
   * @throws InvalidArgumentException when a rule is broken
   */
  public static Grant fromWire(
      String type,
      String id,
      Optional<String> organizationId,
      Optional<String> accessRole,
      Optional<Long> expiresAt) {
    Violations violations = new Violations();
    Optional<Resource> resource =
        violations.collect("", () -> Resource.of(type, id, organizationId));
    AccessRole role =
        accessRole
            .flatMap(name -> WireNamed.parse(violations, "accessRole", AccessRole.values(), name))
            .orElse(AccessRole.DEFAULT);
    expiresAt
        .filter(at -> at < MIN_EXPIRES_AT || at >= YEAR_10000)
        .ifPresent(
            at ->
                violations.add(
                    "expiresAt",
                    "must be Unix seconds in ["
                        + MIN_EXPIRES_AT
                        + ", "
                        + YEAR_10000
                        + "), got "
                        + at));
    violations.throwIfAny();
    return new Grant(resource.orElseThrow(), role, expiresAt.map(Instant::ofEpochSecond));
  }

  /** True when the grant has not expired at {@code now}; it expires at its {@code expiresAt}. */
  public boolean isActiveAt(Instant now) {
    return expiresAt.map(now::isBefore).orElse(true);
  }

  private static void checkExpiresAt(long seconds) {
    if (seconds < MIN_EXPIRES_AT || seconds >= YEAR_10000) {
      throw new InvalidArgumentException(
          "expiresAt",
          "must be Unix seconds in [" + MIN_EXPIRES_AT + ", " + YEAR_10000 + "), got " + seconds);
    }
  }
}
