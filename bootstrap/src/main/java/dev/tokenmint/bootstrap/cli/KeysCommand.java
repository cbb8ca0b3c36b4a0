package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageKeys.KeyView;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tokenmint keys rotate | list | allow}. */
@Command(
    name = "keys",
    description =
        "Rotate and list a workspace's signing keys, and set the algorithms its verification"
            + " accepts (same configuration as serve).",
    mixinStandardHelpOptions = true)
final class KeysCommand {

  @Mixin Configuration configuration;

  @Command(
      name = "rotate",
      description = "Make a new key active; the previous one keeps verifying its tokens.")
  int rotate(@Mixin WorkspaceOption workspace) {
    return configuration.administer(
        (admin, settings, out) -> {
          SigningKey key = admin.keys().rotate(admin.operatorOf(workspace.apiKey));
          out.println("Rotated: " + key.kid() + " (" + key.algorithm().joseName() + ") now signs.");
        });
  }

  @Command(
      name = "list",
      description = "List the keys, newest first, with when each stops verifying.")
  int list(@Mixin WorkspaceOption workspace) {
    return configuration.administer(
        (admin, settings, out) -> {
          out.printf(
              "%-45s %-6s %-9s %-22s %s%n", "KID", "ALG", "STATUS", "CREATED", "VERIFIES UNTIL");
          Caller operator = admin.operatorOf(workspace.apiKey);
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

  @Command(
      name = "allow",
      description =
          "Set the algorithms the workspace's verification accepts: within TOKENMINT_ALLOWED_ALGS,"
              + " and including the active key's.")
  int allow(
      @Mixin WorkspaceOption workspace,
      @Parameters(
              index = "0",
              arity = "1",
              split = ",",
              paramLabel = "ALGORITHMS",
              description = "comma-separated JOSE names, e.g. ES256,EdDSA")
          Set<SigningAlgorithm> algorithms) {
    return configuration.administer(
        (admin, settings, out) -> {
          Set<SigningAlgorithm> effective =
              admin.keys().allowAlgorithms(admin.operatorOf(workspace.apiKey), algorithms);
          out.println("Allowed algorithms: " + names(effective));
        });
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
