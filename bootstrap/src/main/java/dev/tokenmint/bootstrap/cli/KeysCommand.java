package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageKeys.KeyView;
import dev.tokenmint.domain.key.SigningKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenmint keys rotate | list}. */
@Command(
    name = "keys",
    description = "Rotate and list a workspace's signing keys (same configuration as serve).",
    mixinStandardHelpOptions = true,
    subcommands = {KeysCommand.Rotate.class, KeysCommand.ListAll.class})
final class KeysCommand {

  /** {@code keys rotate --workspace API_KEY}. */
  @Command(name = "rotate", description = "Make a new key active; the previous one keeps verifying its tokens.")
  static final class Rotate implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "API_KEY", description = "the workspace's API key")
    String workspace;

    Rotate(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            SigningKey key = admin.keys().rotate(admin.operatorOf(workspace));
            out.println("Rotated: " + key.kid() + " (" + key.algorithm().joseName() + ") now signs.");
          });
    }
  }

  /** {@code keys list --workspace API_KEY}. */
  @Command(name = "list", description = "List the keys, newest first, with when each stops verifying.")
  static final class ListAll implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "API_KEY", description = "the workspace's API key")
    String workspace;

    ListAll(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            out.printf("%-45s %-6s %-9s %-22s %s%n", "KID", "ALG", "STATUS", "CREATED", "VERIFIES UNTIL");
            for (KeyView view : admin.keys().keys(admin.operatorOf(workspace))) {
              SigningKey key = view.key();
              out.printf(
                  "%-45s %-6s %-9s %-22s %s%n",
                  key.kid(),
                  key.algorithm().joseName(),
                  key.status().name().toLowerCase(Locale.ROOT),
                  seconds(key.createdAt()),
                  view.verifiesUntil().map(KeysCommand::seconds).orElse("-"));
            }
          });
    }
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
