package dev.tokenmint.domain.token;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.user.Attributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims every Velt token carries, with their types: reads back what {@link VeltProfile#claims}
 * writes. The one reader of a token's user, id, times, grants and attributes, for verify_token,
 * check_access and the embeddable verifier alike.
 *
 * <p>It fails closed: a value of the wrong JSON type is never read as absent, since an absent
 * {@code expiresAt} means "never expires" and an absent {@code accessRole} means {@code editor}. A
 * grant that cannot be read exactly makes every grant of the token unreadable.
 *
 * @param subject the {@code sub}: the user's id
 * @param jti the token's id
 * @param issuedAt the {@code iat}
 * @param expiresAt the {@code exp}
 * @param grants the grants in {@code permissions.resources}, prefix grants included
 * @param attributes the user's attributes, from the {@code attributes} claim (empty when absent)
 */
public record VeltClaims(
    String subject,
    String jti,
    Instant issuedAt,
    Instant expiresAt,
    GrantSet grants,
    Attributes attributes) {

  private static final String RESOURCES = "permissions.resources";

  private static final String ATTRIBUTES = "attributes";

  /** {@code sub} and {@code jti} are non-empty; every part is required. */
  public VeltClaims {
    if (subject.isEmpty() || jti.isEmpty()) {
      throw new IllegalArgumentException("sub and jti must not be empty");
    }
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(attributes, "attributes");
  }

  /**
   * The typed claims of {@code claims}.
   *
   * @throws InvalidArgumentException naming the claim that is missing or of another type (the rules
   *     of {@code ClaimRules} refuse such a token before it is read), the grant that does not read
   *     ({@link #grantsOf}), or the attribute ({@link #attributesOf})
   */
  public static VeltClaims read(TokenClaims claims) {
    return new VeltClaims(
        required(claims.string("sub"), "sub", "a string"),
        required(claims.string("jti"), "jti", "a string"),
        Instant.ofEpochSecond(required(claims.integer("iat"), "iat", "integer Unix seconds")),
        Instant.ofEpochSecond(required(claims.integer("exp"), "exp", "integer Unix seconds")),
        grantsOf(claims),
        attributesOf(claims));
  }

  private static <T> T required(Optional<T> value, String name, String type) {
    return value.orElseThrow(() -> new InvalidArgumentException(name, "must be " + type));
  }

  /**
   * The grants in {@code permissions.resources}; empty when the token has no {@code permissions}
   * claim or it has no {@code resources}.
   *
   * @throws InvalidArgumentException naming the path ({@code permissions.resources[2].expiresAt})
   *     when a grant breaks a rule or a value has the wrong JSON type (a token tokenmint signed
   *     never does)
   */
  public static GrantSet grantsOf(TokenClaims claims) {
    Optional<Object> permissions = claims.get("permissions");
    if (permissions.isEmpty()) {
      return GrantSet.empty();
    }
    if (!(permissions.get() instanceof Map<?, ?> map)) {
      throw new InvalidArgumentException("permissions", "must be an object");
    }
    Object resources = map.get("resources");
    if (resources == null) {
      return GrantSet.empty();
    }
    if (!(resources instanceof List<?> list)) {
      throw new InvalidArgumentException(RESOURCES, "must be an array");
    }
    Violations violations = new Violations();
    List<Grant> grants = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String path = RESOURCES + "[" + i + "]";
      if (list.get(i) instanceof Map<?, ?> resource) {
        violations.collect(path, () -> grant(resource)).ifPresent(grants::add);
      } else {
        violations.add(path, "must be an object");
      }
    }
    Optional<GrantSet> set = violations.collect(RESOURCES, () -> GrantSet.of(grants));
    violations.throwIfAny();
    return set.orElseThrow();
  }

  /**
   * The attributes in the {@code attributes} claim; empty when the token has none.
   *
   * @throws InvalidArgumentException naming the path ({@code attributes.region}) when the claim is
   *     not an object or breaks a rule of {@link Attributes} (a token tokenmint signed never does)
   */
  public static Attributes attributesOf(TokenClaims claims) {
    Optional<Object> attributes = claims.get(ATTRIBUTES);
    if (attributes.isEmpty()) {
      return Attributes.empty();
    }
    if (!(attributes.get() instanceof Map<?, ?> map)) {
      throw new InvalidArgumentException(ATTRIBUTES, "must be an object");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    map.forEach((name, value) -> values.put((String) name, value));
    try {
      return Attributes.of(values);
    } catch (InvalidArgumentException e) {
      throw e.under(ATTRIBUTES);
    }
  }

  private static Grant grant(Map<?, ?> resource) {
    Violations violations = new Violations();
    Optional<String> type = typed(violations, resource, "type", String.class);
    Optional<String> id = typed(violations, resource, "id", String.class);
    Optional<String> organizationId = typed(violations, resource, "organizationId", String.class);
    Optional<String> accessRole = typed(violations, resource, "accessRole", String.class);
    Optional<Long> expiresAt = typed(violations, resource, "expiresAt", Long.class);
    violations.throwIfAny();
    return Grant.fromWire(
        type.orElse(null), id.orElse(null), organizationId, accessRole, expiresAt);
  }

  /** The value of {@code name}: empty when absent, a violation when of another type. */
  private static <T> Optional<T> typed(
      Violations violations, Map<?, ?> map, String name, Class<T> type) {
    Object value = map.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      violations.add(name, type == Long.class ? "must be an integer" : "must be a string");
      return Optional.empty();
    }
    return Optional.of(type.cast(value));
  }
}
