package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageKeys.KeyView;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenmint keys rotate | list | allow}. */
@Command(
    name = "keys",
    description =
        "Rotate and list a workspace's signing keys, and set the algorithms its verification"
            + " accepts (same configuration as serve).",
    mixinStandardHelpOptions = true,
    subcommands = {KeysCommand.Rotate.class, KeysCommand.ListAll.class, KeysCommand.Allow.class})
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
            Caller operator = admin.operatorOf(workspace);
            for (KeyView view : admin.keys().keys(operator)) {
              SigningKey key = view.key();
              out.printf(
                  "%-45s %-6s %-9s %-22s %s%n",
                  key.kid(),
                  key.algorithm().joseName(),
                  key.status().name().toLowerCase(Locale.ROOT),
                  seconds(key.createdAt()),
                  view.verifiesUntil().map(KeysCommand::seconds).orElse("-"));
            }
            out.println("Allowed algorithms: " + names(admin.keys().allowedAlgorithms(operator)));
          });
    }
  }

  /** {@code keys allow --workspace API_KEY ES256,EdDSA}. */
  @Command(
      name = "allow",
      description =
          "Set the algorithms the workspace's verification accepts: within TOKENMINT_ALLOWED_ALGS,"
              + " and including the active key's.")
  static final class Allow implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "API_KEY", description = "the workspace's API key")
    String workspace;

    @Parameters(
        index = "0",
        paramLabel = "ALGORITHMS",
        description = "comma-separated JOSE names, e.g. ES256,EdDSA")
    String algorithms;

    Allow(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      Set<SigningAlgorithm> wanted = EnumSet.noneOf(SigningAlgorithm.class);
      for (String name : algorithms.split(",", -1)) {
        wanted.add(
            SigningAlgorithm.fromJoseName(name.strip())
                .orElseThrow(
                    () ->
                        new ParameterException(
                            spec.commandLine(),
                            "'"
                                + name.strip()
                                + "' is not an algorithm; allowed values: "
                                + SigningAlgorithm.JOSE_NAMES)));
      }
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            Set<SigningAlgorithm> effective =
                admin.keys().allowAlgorithms(admin.operatorOf(workspace), wanted);
            out.println("Allowed algorithms: " + names(effective));
          });
    }
  }

  private static String names(Set<SigningAlgorithm> algorithms) {
    return Arrays.stream(SigningAlgorithm.values())
        .filter(algorithms::contains)
        .map(SigningAlgorithm::joseName)
        .collect(Collectors.joining(","));
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
