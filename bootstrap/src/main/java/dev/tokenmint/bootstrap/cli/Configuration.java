package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.bootstrap.Logging;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Tokenmint;
import dev.tokenmint.bootstrap.Tokenmint.Administration;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code TOKENMINT_*} configuration a command runs with, read from the environment as {@code
 * serve} reads it. A picocli mixin: {@link Main}'s factory makes it with the environment, so that
 * no command reads a global. It adds no option: the configuration is the environment's, as for
 * {@code serve}.
 */
@Command
final class Configuration {

  /** What a command does with the stores, its settings and its output. */
  interface Work {
    void run(Administration administration, Settings settings, PrintWriter out);
  }

  private final Environment environment;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  Configuration(Environment environment) {
    this.environment = environment;
  }

  /** The settings; a bad or unknown variable is refused in one line. */
  Settings settings() {
    return Settings.fromEnvironment(environment.variables());
  }

  /** How the process logs. */
  Logging logging() {
    return Settings.logging(environment.variables());
  }

  /** One variable as set, untrimmed; empty when unset. */
  Optional<String> variable(String name) {
    return Optional.ofNullable(environment.variables().get(name));
  }

  /** Runs {@code work} on the stores the settings name, then closes them; returns exit code 0. */
  int administer(Work work) {
    Settings settings = settings();
    try (Administration administration = Tokenmint.administer(settings, Clock.systemUTC())) {
      PrintWriter out = command.commandLine().getOut();
      work.run(administration, settings, out);
      out.flush();
    }
    return 0;
  }
}
