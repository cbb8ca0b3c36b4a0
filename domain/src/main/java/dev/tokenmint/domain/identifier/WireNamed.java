package dev.tokenmint.domain.identifier;

import dev.tokenmint.domain.failure.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A constant of a closed set that requests, tokens and storage name by a lowercase word: its Java
 * name in lower case unless it says otherwise ({@code VIEWER} is {@code viewer}, {@code TOO_LARGE}
 * is {@code too_large}). The one rule for every such set: names are matched exactly, without case
 * folding, and a name that matches none is refused with the names that would.
 */
public interface WireNamed {

  /** The constant's Java name; every enum has it. */
  String name();

  /** The name on the wire and in storage. */
  default String wireName() {
    // Tokens, grants and storage ask for it on every request: an enum's names are lowered once.
    if (this instanceof Enum<?> constant) {
      return LoweredNames.OF.get(constant.getDeclaringClass())[constant.ordinal()];
    }
    return name().toLowerCase(Locale.ROOT);
  }

  /** The wire names of {@code values}, in their order, for messages. */
  static List<String> wireNames(WireNamed[] values) {
    List<String> names = new ArrayList<>(values.length);
    for (WireNamed value : values) {
      names.add(value.wireName());
    }
    return List.copyOf(names);
  }

  /** The one of {@code values} with exactly the wire name {@code name}, if any. */
  static <T extends WireNamed> Optional<T> find(T[] values, String name) {
    for (T value : values) {
      if (value.wireName().equals(name)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * The one of {@code values} named {@code name}, given as {@code field}; when there is none,
   * records in {@code violations} that the field must be one of their wire names, and returns
   * empty.
   */
  static <T extends WireNamed> Optional<T> parse(
      Violations violations, String field, T[] values, String name) {
    Optional<T> found = find(values, name);
    if (found.isEmpty()) {
      // the message only when it is needed: every grant of every mint passes here
      violations.add(field, "must be one of " + wireNames(values) + ", got '" + name + "'");
    }
    return found;
  }

  /** The lowered Java names of each enum's constants, by ordinal, computed once per enum. */
  final class LoweredNames {
    private static final ClassValue<String[]> OF =
        new ClassValue<>() {
          @Override
          protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
              names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return names;
          }
        };

    private LoweredNames() {}
  }
}
