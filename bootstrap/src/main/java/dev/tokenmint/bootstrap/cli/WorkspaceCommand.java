package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageWorkspaces.IssuedCredential;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenmint workspace create NAME | list}. */
@Command(
    name = "workspace",
    description = "Create and list workspaces (same TOKENMINT_* configuration as serve).",
    mixinStandardHelpOptions = true,
    subcommands = {WorkspaceCommand.Create.class, WorkspaceCommand.ListAll.class})
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
}
