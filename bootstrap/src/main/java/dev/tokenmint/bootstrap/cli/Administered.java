package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Tokenmint;
import dev.tokenmint.bootstrap.Tokenmint.Administration;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one administrative command on the configured stores, then closes them. */
final class Administered {

  /** What a command does with the stores, its settings and its output. */
  interface Work {
    void run(Administration administration, Settings settings, PrintWriter out);
  }

  private Administered() {}

  /** Runs {@code work} with stores opened from {@code environment}; returns exit code 0. */
  static int run(Environment environment, CommandSpec spec, Work work) {
    Settings settings = Settings.fromEnvironment(environment.variables());
    try (Administration administration = Tokenmint.administer(settings, Clock.systemUTC())) {
      PrintWriter out = spec.commandLine().getOut();
      work.run(administration, settings, out);
      out.flush();
    }
    return 0;
  }
}
