package dev.tokenmint.domain.user;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a resource server needs to know of a user to filter rows (a region, a tenant, the teams the
 * user belongs to): a flat object of names to values, minted into tokens as the {@code attributes}
 * claim. Never SQL: the resource server builds its own filters from these values.
 *
 * <p>A name is 1 to {@value #MAX_NAME_LENGTH} characters of {@code A-Z a-z 0-9 _ . -}, and none of
 * the {@link #RESERVED_NAMES} (in any case). A value is a string, a number, a boolean, or an array
 * of strings; strings hold no control character and are well-formed Unicode; numbers are integers
 * within ±{@value #MAX_INTEGER} (exact in every JSON reader, JavaScript's included) or finite
 * decimals, an integral decimal ({@code 2.0}) being the integer. At most {@value #MAX_NAMES} names
 * and {@value #MAX_BYTES} bytes as compact JSON in UTF-8. Names are kept in order (binary, which is
 * alphabetical for these characters), so equal attributes serialize identically.
 */
public final class Attributes {

  /** Most names an attributes object holds. */
  public static final int MAX_NAMES = 50;

  /** Largest attributes object, in bytes of compact UTF-8 JSON. */
  public static final int MAX_BYTES = 4096;

  /** Longest name, in characters. */
  public static final int MAX_NAME_LENGTH = 64;

  /** Largest integer magnitude: 2^53 - 1, the last an IEEE double holds exactly. */
  public static final long MAX_INTEGER = 9_007_199_254_740_991L;

  /**
   * Names an attribute may not take, compared without regard to case: the claims a token sets
   * itself (RFC 7519's, the Velt profile's, token exchange's) and the members of an introspection
   * answer (RFC 7662). Attributes live inside their own claim and never stand in for these, but a
   * resource server that flattens claims and attributes into one map must not be fooled either.
   */
  public static final Set<String> RESERVED_NAMES =
      Set.of(
          "iss",
          "sub",
          "aud",
          "exp",
          "nbf",
          "iat",
          "jti",
          "userid",
          "userproperties",
          "roles",
          "permissions",
          "attributes",
          "tokenmint_parent",
          "tokenmint_ancestors",
          "act",
          "may_act",
          "active",
          "token_type",
          "scope",
          "client_id",
          "username");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_NAME_LENGTH + "}");

  private static final Attributes EMPTY = new Attributes(Collections.emptySortedMap());

  private final SortedMap<String, Object> values;

  private Attributes(SortedMap<String, Object> values) {
    this.values = values;
  }

  /** No attributes. */
  public static Attributes empty() {
    return EMPTY;
  }

  /**
   * The attributes {@code given}, values as a JSON reader gives them ({@link String}, any {@link
   * Number}, {@link Boolean}, {@link List}). Every problem is reported at once: a bad name or a
   * limit at field {@code ""}, a bad value at its name ({@code region}, {@code teams[1]}), so that
   * the caller places them under {@code attributes}.
   *
   * @throws InvalidArgumentException when a rule is broken
   */
  public static Attributes of(Map<String, ?> given) {
    Objects.requireNonNull(given, "given");
    Violations violations = new Violations();
    SortedMap<String, Object> values = new TreeMap<>();
    given.forEach(
        (name, value) -> {
          if (checkName(violations, name)) {
            value(violations, name, value).ifPresent(v -> values.put(name, v));
          }
        });
    violations.throwIfAny();
    return checked(values, "");
  }

  /**
   * The attributes in name order, unmodifiable; values are strings, longs, doubles, booleans or
   * lists of strings.
   */
  public Map<String, Object> asMap() {
    return values;
  }

  /** The value of {@code name}, if present. */
  public Optional<Object> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** True when there are none. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** How many names. */
  public int size() {
    return values.size();
  }

  /**
   * The size in bytes of these attributes as compact JSON in UTF-8, with only the escapes JSON
   * requires (attribute strings hold no control character, so only quotes and backslashes).
   */
  public int jsonBytes() {
    return jsonBytes(values);
  }

  /**
   * These attributes with the names of {@code set} added or replaced and the names {@code removed}
   * dropped. The result must keep to the limits; a violation is reported at field {@code ""} and
   * says how many names were there before.
   *
   * @throws InvalidArgumentException when the result breaks a limit
   */
  Attributes changedBy(Attributes set, Set<String> removed) {
    if (set.isEmpty() && removed.isEmpty()) {
      return this;
    }
    SortedMap<String, Object> changed = new TreeMap<>(values);
    changed.keySet().removeAll(removed);
    changed.putAll(set.values);
    return checked(
        changed,
        " once merged with the "
            + values.size()
            + " names already there; send fewer, or drop stored names by sending them as null");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Attributes that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Attributes" + values;
  }

  static boolean checkName(Violations violations, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      violations.add(
          "",
          "name "
              + quoted(name)
              + " must be 1 to "
              + MAX_NAME_LENGTH
              + " characters of A-Z, a-z, 0-9, '_', '.' and '-'");
      return false;
    }
    return violations.require(
        !RESERVED_NAMES.contains(name.toLowerCase(Locale.ROOT)),
        "",
        "name '"
            + name
            + "' is reserved: a token sets that claim (or an introspection answer that member)"
            + " itself, so no attribute may take its name");
  }

  /** {@code values} as attributes, if they keep to the limits; {@code context} ends a violation. */
  private static Attributes checked(SortedMap<String, Object> values, String context) {
    Violations violations = new Violations();
    violations.require(
        values.size() <= MAX_NAMES,
        "",
        "must hold at most " + MAX_NAMES + " names, got " + values.size() + context);
    int bytes = jsonBytes(values);
    violations.require(
        bytes <= MAX_BYTES,
        "",
        "must be at most " + MAX_BYTES + " bytes as compact JSON, got " + bytes + context);
    violations.throwIfAny();
    return values.isEmpty() ? EMPTY : new Attributes(Collections.unmodifiableSortedMap(values));
  }

  private static Optional<Object> value(Violations violations, String name, Object value) {
    if (value == null) {
      violations.add(name, "must not be null: leave the name out instead");
      return Optional.empty();
    }
    if (value instanceof String text) {
      return checkText(violations, name, text) ? Optional.of(text) : Optional.empty();
    }
    if (value instanceof Boolean) {
      return Optional.of(value);
    }
    if (value instanceof Number number) {
      return number(violations, name, number);
    }
    if (value instanceof List<?> list) {
      List<String> strings = new ArrayList<>(list.size());
      boolean valid = true;
      for (int i = 0; i < list.size(); i++) {
        String at = name + "[" + i + "]";
        if (list.get(i) instanceof String text) {
          valid &= checkText(violations, at, text);
          strings.add(text);
        } else {
          violations.add(
              at, "must be a string: an array holds strings only, got " + kindOf(list.get(i)));
          valid = false;
        }
      }
      return valid ? Optional.of(List.copyOf(strings)) : Optional.empty();
    }
    violations.add(
        name,
        "must be a string, a number, a boolean or an array of strings, got "
            + kindOf(value)
            + " (attributes are flat: no nested objects)");
    return Optional.empty();
  }

  private static Optional<Object> number(Violations violations, String name, Number number) {
    String range = "must be an integer within ±" + MAX_INTEGER + " or a finite decimal, got ";
    if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte) {
      long value = number.longValue();
      return violations.require(Math.abs(value) <= MAX_INTEGER, name, range + value)
          ? Optional.of(value)
          : Optional.empty();
    }
    if (number instanceof BigInteger big) {
      boolean fits = big.abs().compareTo(BigInteger.valueOf(MAX_INTEGER)) <= 0;
      return violations.require(fits, name, range + big)
          ? Optional.of(big.longValue())
          : Optional.empty();
    }
    if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
      double value = number.doubleValue();
      if (!Double.isFinite(value)) {
        violations.add(name, range + number);
        return Optional.empty();
      }
      if (value == Math.rint(value)) {
        // An integral decimal is the integer: a JSON reader cannot tell 2.0 from 2 anyway.
        return violations.require(Math.abs(value) <= MAX_INTEGER, name, range + number)
            ? Optional.of((long) value)
            : Optional.empty();
      }
      return Optional.of(value);
    }
    violations.add(name, range + number);
    return Optional.empty();
  }

  private static boolean checkText(Violations violations, String field, String text) {
    if (!violations.require(
        !Identifier.hasControlCharacter(text), field, "must not contain control characters")) {
      return false;
    }
    Optional<String> problem = Identifier.wellFormednessProblem(text);
    problem.ifPresent(message -> violations.add(field, message));
    return problem.isEmpty();
  }

  private static String kindOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a value of another kind";
  }

  /** A name for a message: quoted, cut to 64 characters, control characters shown as '?'. */
  private static String quoted(String name) {
    if (name == null) {
      return "null";
    }
    String cut = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) + "…" : name;
    StringBuilder safe = new StringBuilder(cut.length() + 2).append('\'');
    cut.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.append('\'').toString();
  }

  private static int jsonBytes(Map<String, Object> values) {
    int bytes = 2; // {}
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      bytes += jsonString(entry.getKey()) + 1; // "name":
      bytes += jsonValue(entry.getValue());
    }
    return bytes + Math.max(0, values.size() - 1); // commas
  }

  private static int jsonValue(Object value) {
    if (value instanceof String text) {
      return jsonString(text);
    }
    if (value instanceof List<?> list) {
      int bytes = 2 + Math.max(0, list.size() - 1);
      for (Object element : list) {
        bytes += jsonString((String) element);
      }
      return bytes;
    }
    return String.valueOf(value).length(); // numbers and booleans are ASCII
  }

  /** A string's JSON size: quotes, UTF-8 bytes, and a backslash before each quote or backslash. */
  private static int jsonString(String text) {
    int escapes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        escapes++;
      }
    }
    return 2 + escapes + text.getBytes(StandardCharsets.UTF_8).length;
  }
}
