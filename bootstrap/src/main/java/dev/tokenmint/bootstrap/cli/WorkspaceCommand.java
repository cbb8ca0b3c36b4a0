package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageRateLimits;
import dev.tokenmint.application.port.in.ManageWorkspaces.IssuedCredential;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenmint workspace create NAME | list | limit}. */
@Command(
    name = "workspace",
    description =
        "Create and list workspaces, and set their rate limits (same TOKENMINT_* configuration as"
            + " serve).",
    mixinStandardHelpOptions = true,
    subcommands = {WorkspaceCommand.Create.class, WorkspaceCommand.ListAll.class, WorkspaceCommand.Limit.class})
final class WorkspaceCommand {

  /** {@code workspace create NAME}: prints the API key and admin auth token once. */
  @Command(name = "create", description = "Create a workspace with an admin credential and a signing key.")
  static final class Create implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "the workspace's name")
    String name;

    Create(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            IssuedCredential issued = admin.workspaces().create(name);
            Workspace workspace = issued.workspace();
            String issuer = workspace.issuer();
            out.println("Created workspace '" + workspace.name() + "'. The auth token is shown only now.");
            out.println("  api key:       " + workspace.apiKey());
            out.println("  credential:    " + issued.credentialId() + " (admin)");
            out.println("  auth token:    " + issued.authToken());
            out.println("  issuer:        " + issuer);
            out.println("  jwks:          " + issuer + "/.well-known/jwks.json");
          });
    }
  }

  /** {@code workspace list}. */
  @Command(name = "list", description = "List the workspaces.")
  static final class ListAll implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    ListAll(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            out.printf("%-40s %-8s %s%n", "API KEY", "DEFAULT", "NAME");
            for (Workspace workspace : admin.workspaces().list()) {
              out.printf(
                  "%-40s %-8s %s%n",
                  workspace.apiKey(), workspace.isDefault() ? "yes" : "", workspace.name());
            }
          });
    }
  }

  /**
   * {@code workspace limit --workspace API_KEY [--per-second N | --clear]}: the workspace's own
   * limit on the requests of each of its credentials; without an option, shows it.
   */
  @Command(
      name = "limit",
      description =
          "Show, set or clear the workspace's own rate limit: requests a second per credential, in"
              + " bursts of as many. Without --per-second or --clear, shows it. Running servers"
              + " apply a change within TOKENMINT_CREDENTIAL_CACHE_SECONDS.")
  static final class Limit implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "API_KEY", description = "the workspace's API key")
    String workspace;

    // Read as text and checked here, so that a wrong value is one line, like every other mistake
    // the commands report, rather than picocli's message followed by the whole usage.
    @Option(
        names = "--per-second",
        paramLabel = "N",
        description =
            "its own limit, 1 to " + RateLimit.MAX_PER_SECOND + "; 0: no limit for this workspace,"
                + " whatever TOKENMINT_RATE_LIMIT says")
    String perSecond;

    @Option(names = "--clear", description = "drop its own limit: TOKENMINT_RATE_LIMIT applies again")
    boolean clear;

    Limit(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      if (perSecond != null && clear) {
        throw new InvalidArgumentException("--clear", "give --per-second N or --clear, not both");
      }
      Optional<RateLimit> wanted = perSecond == null ? Optional.empty() : Optional.of(parse(perSecond));
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            ManageRateLimits limits = admin.rateLimits();
            if (wanted.isPresent() || clear) {
              limits.setWorkspaceLimit(workspace, wanted);
            }
            out.println(describe(workspace, limits.workspaceLimit(workspace), settings));
            if (wanted.isPresent() || clear) {
              out.println(
                  "Running servers apply it within "
                      + settings.credentialCache().toSeconds()
                      + " s (TOKENMINT_CREDENTIAL_CACHE_SECONDS).");
            }
          });
    }

    private static RateLimit parse(String raw) {
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
          "must be an integer from 0 (no limit) to " + RateLimit.MAX_PER_SECOND + ", got '" + raw + "'");
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
          : "Workspace " + apiKey + ": no limit per credential (its own setting, whatever"
              + " TOKENMINT_RATE_LIMIT says).";
    }
  }
}
