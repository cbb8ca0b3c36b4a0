package dev.tokenmint.bootstrap.cli;

import java.util.Map;

/**
 * The environment the commands read their settings from: the process's in production, a map in
 * tests. Handed to the {@link Configuration} mixin by {@link Main}'s factory, so no command reads a
 * global.
 */
public record Environment(Map<String, String> variables) {

  /** Copies the variables. */
  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The process environment. */
  public static Environment ofProcess() {
    return new Environment(System.getenv());
  }
}
