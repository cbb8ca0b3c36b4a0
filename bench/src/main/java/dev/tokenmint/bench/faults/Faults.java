package dev.tokenmint.bench.faults;

import java.util.Arrays;
import java.util.List;

/**
 * The clients of bench/faults.sh, one subcommand per part of a scenario; the script starts and
 * kills the servers and the database, these drive and judge them. Each prints what it saw and exits
 * 1 when the server failed the scenario, 2 when it was called wrongly.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tokenmint.bench.faults.Faults SUBCOMMAND ARGS...
 * </pre>
 */
public final class Faults {

  private Faults() {}

  /** Runs the subcommand {@code args[0]} with the rest of the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "subcommands: crash-load, crash-check, outage, slow-clients, malformed, flood");
      System.exit(2);
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    int status =
        switch (args[0]) {
          case "crash-load" -> Crash.load(rest);
          case "crash-check" -> Crash.check(rest);
          case "outage" -> Outage.run(rest);
          case "slow-clients" -> SlowClients.run(rest);
          case "malformed" -> MalformedHeads.run(rest);
          case "flood" -> Flood.run(rest);
          default -> {
            System.err.println("unknown subcommand " + args[0]);
            yield 2;
          }
        };
    System.exit(status);
  }
}
