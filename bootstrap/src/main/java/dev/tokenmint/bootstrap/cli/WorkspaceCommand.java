package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageRateLimits;
import dev.tokenmint.application.port.in.ManageWorkspaces.IssuedCredential;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokenmint workspace create NAME | list | limit}. */
@Command(
    name = "workspace",
    description =
        "Create and list workspaces, and set their rate limits (same TOKENMINT_* configuration as"
            + " serve).",
    mixinStandardHelpOptions = true)
final class WorkspaceCommand {

  @Mixin Configuration configuration;

  @Command(
      name = "create",
      description = "Create a workspace with an admin credential and a signing key.")
  int create(
      @Parameters(index = "0", paramLabel = "NAME", description = "the workspace's name")
          String name) {
    return configuration.administer(
        (admin, settings, out) -> {
          IssuedCredential issued = admin.workspaces().create(name);
          Workspace workspace = issued.workspace();
          String issuer = workspace.issuer();
          out.println(
              "Created workspace '" + workspace.name() + "'. The auth token is shown only now.");
          out.println("  api key:       " + workspace.apiKey());
          out.println("  credential:    " + issued.credentialId() + " (admin)");
          out.println("  auth token:    " + issued.authToken());
          out.println("  issuer:        " + issuer);
          out.println("  jwks:          " + issuer + "/.well-known/jwks.json");
        });
  }

  @Command(name = "list", description = "List the workspaces.")
  int list() {
    return configuration.administer(
        (admin, settings, out) -> {
          out.printf("%-40s %-8s %s%n", "API KEY", "DEFAULT", "NAME");
          for (Workspace workspace : admin.workspaces().list()) {
            out.printf(
                "%-40s %-8s %s%n",
                workspace.apiKey(), workspace.isDefault() ? "yes" : "", workspace.name());
          }
        });
  }

  /**
   * The workspace's own limit on the requests of each of its credentials; without {@code
   * --per-second} or {@code --clear}, shows it.
   */
  @Command(
      name = "limit",
      description =
          "Show, set or clear the workspace's own rate limit: requests a second per credential, in"
              + " bursts of as many. Without --per-second or --clear, shows it. Running servers"
              + " apply a change within TOKENMINT_CREDENTIAL_CACHE_SECONDS.")
  int limit(
      @Mixin WorkspaceOption workspace,
      // Read as text and checked here, so that a wrong value is one line, like every other mistake
      // the commands report, rather than picocli's message followed by the whole usage.
      @Option(
              names = "--per-second",
              paramLabel = "N",
              description =
                  "its own limit, 1 to "
                      + RateLimit.MAX_PER_SECOND
                      + "; 0: no limit for this workspace,"
                      + " whatever TOKENMINT_RATE_LIMIT says")
          String perSecond,
      @Option(
              names = "--clear",
              description = "drop its own limit: TOKENMINT_RATE_LIMIT applies again")
          boolean clear) {
    if (perSecond != null && clear) {
      throw new InvalidArgumentException("--clear", "give --per-second N or --clear, not both");
    }
    Optional<RateLimit> wanted =
        perSecond == null ? Optional.empty() : Optional.of(perSecond(perSecond));
    return configuration.administer(
        (admin, settings, out) -> {
          ManageRateLimits limits = admin.rateLimits();
          if (wanted.isPresent() || clear) {
            limits.setWorkspaceLimit(workspace.apiKey, wanted);
          }
          out.println(
              describe(workspace.apiKey, limits.workspaceLimit(workspace.apiKey), settings));
          if (wanted.isPresent() || clear) {
            out.println(
                "Running servers apply it within "
                    + settings.credentialCache().toSeconds()
                    + " s (TOKENMINT_CREDENTIAL_CACHE_SECONDS).");
          }
        });
  }

  private static RateLimit perSecond(String raw) {
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= 0 && value <= RateLimit.MAX_PER_SECOND) {
        return new RateLimit(value);
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw new InvalidArgumentException(
        "--per-second",
        "must be an integer from 0 (no limit) to "
            + RateLimit.MAX_PER_SECOND
            + ", got '"
            + raw
            + "'");
  }

  private static String describe(String apiKey, Optional<RateLimit> own, Settings settings) {
    if (own.isEmpty()) {
      return "Workspace "
          + apiKey
          + ": no limit of its own; TOKENMINT_RATE_LIMIT applies ("
          + settings.rateLimit().describe()
          + " per credential in this command's configuration).";
    }
    return own.get().limits()
        ? "Workspace " + apiKey + ": " + own.get().describe() + " per credential (its own limit)."
        : "Workspace "
            + apiKey
            + ": no limit per credential (its own setting, whatever"
            + " TOKENMINT_RATE_LIMIT says).";
  }
}
