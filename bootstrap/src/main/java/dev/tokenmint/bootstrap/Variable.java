package dev.tokenmint.bootstrap;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One {@code TOKENMINT_*} environment variable, declared once in {@link Settings}: its name, what
 * it means, what holds when it is unset, and the values it accepts. Reading the configuration, the
 * refusal of unknown variables and {@code serve --help}'s list all come from these declarations.
 *
 * @param <T> what the variable is read as
 */
public final class Variable<T> {

  private final String name;
  private final String meaning;
  private final String byDefault;
  private final Optional<String> defaultText;
  private final Values<?> values;
  private final Function<Optional<String>, T> read;

  private Variable(
      String name,
      String meaning,
      String byDefault,
      Optional<String> defaultText,
      Values<?> values,
      Function<Optional<String>, T> read) {
    this.name = name;
    this.meaning = meaning;
    this.byDefault = byDefault;
    this.defaultText = defaultText;
    this.values = values;
    this.read = read;
  }

  /** A variable that, unset, reads as if it were set to {@code defaultText}. */
  static <T> Variable<T> withDefault(
      String name, Values<T> values, String defaultText, String meaning) {
    return new Variable<>(
        name,
        meaning,
        defaultText,
        Optional.of(defaultText),
        values,
        raw -> values.read(name, raw.orElse(defaultText)));
  }

  /** A variable that, unset, reads as empty; {@code whenUnset} says what tokenmint does then. */
  static <T> Variable<Optional<T>> optional(
      String name, Values<T> values, String whenUnset, String meaning) {
    return new Variable<>(
        name,
        meaning,
        whenUnset,
        Optional.empty(),
        values,
        raw -> raw.map(text -> values.read(name, text)));
  }

  /** The variable's name, {@code TOKENMINT_PORT}. */
  public String name() {
    return name;
  }

  /** The value, as text, that holds when the variable is unset; empty when none does. */
  public Optional<String> defaultText() {
    return defaultText;
  }

  /** One line for {@code serve --help}: meaning, the values accepted, the default. */
  public String help() {
    String accepted = values.accepted().isEmpty() ? "" : " (" + values.accepted() + ")";
    return meaning + accepted + ". Default: " + byDefault;
  }

  /**
   * The variable's value in {@code environment}, trimmed; unset or blank counts as unset.
   *
   * @throws ConfigurationException naming the variable and what it accepts
   */
  T read(Map<String, String> environment) {
    return read.apply(
        Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty()));
  }

  /**
   * The values a variable accepts, in words ({@code an integer from 0 to 600}; empty: any text),
   * and how its text becomes a value. {@code parse} throws {@link IllegalArgumentException} with
   * what is wrong, worded to follow the variable's name.
   */
  record Values<T>(String accepted, Function<String, T> parse) {

    /** Any text. */
    static Values<String> text() {
      return new Values<>("", text -> text);
    }

    /**
     * What {@code parse} gives a value for; otherwise refused with the text quoted: {@code must be
     * true or false, got 'yes'}.
     */
    static <T> Values<T> of(String accepted, Function<String, Optional<T>> parse) {
      return new Values<>(
          accepted,
          text ->
              parse
                  .apply(text)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "must be " + accepted + ", got '" + text + "'")));
    }

    /**
     * The text when it passes {@code test}; otherwise refused without quoting it (a secret, or a
     * URL that may hold one), followed by {@code hint}.
     */
    static Values<String> matching(String accepted, Predicate<String> test, String hint) {
      return new Values<>(
          accepted,
          text -> {
            if (!test.test(text)) {
              throw new IllegalArgumentException("must be " + accepted + hint);
            }
            return text;
          });
    }

    /** An integer from {@code min} to {@code max}. */
    static Values<Integer> integer(int min, int max) {
      return of(
          "an integer from " + min + " to " + max,
          text -> {
            try {
              return Optional.of(Integer.parseInt(text)).filter(v -> v >= min && v <= max);
            } catch (NumberFormatException e) {
              return Optional.empty();
            }
          });
    }

    /** A whole number of seconds from {@code min} to {@code max}. */
    static Values<Duration> seconds(int min, int max) {
      return integer(min, max).map(Duration::ofSeconds);
    }

    /** {@code true} or {@code false}. */
    static Values<Boolean> bool() {
      return of(
          "true or false",
          text ->
              switch (text) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> Optional.empty();
              });
    }

    /** The same values, each turned into another type: seconds into a {@code Duration}. */
    <U> Values<U> map(Function<T, U> into) {
      return new Values<>(accepted, parse.andThen(into));
    }

    private T read(String name, String text) {
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(name + " " + e.getMessage());
      }
    }
  }
}
