package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageWorkspaces.IssuedCredential;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code tokenmint credential create | list | revoke}. */
@Command(
    name = "credential",
    description = "Issue, list and revoke a workspace's credentials (same configuration as serve).",
    mixinStandardHelpOptions = true,
    subcommands = {CredentialCommand.Create.class, CredentialCommand.ListAll.class, CredentialCommand.Revoke.class})
final class CredentialCommand {

  /** Reads {@code issuer} or {@code admin}. */
  static final class RoleConverter implements ITypeConverter<CredentialRole> {
    @Override
    public CredentialRole convert(String value) {
      return CredentialRole.fromWireName(value)
          .orElseThrow(
              () -> new TypeConversionException("must be one of " + CredentialRole.WIRE_NAMES + ", got '" + value + "'"));
    }
  }

  /** {@code credential create --workspace API_KEY --role issuer|admin}: prints the token once. */
  @Command(name = "create", description = "Issue a credential; its auth token is shown once.")
  static final class Create implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "API_KEY", description = "the workspace's API key")
    String workspace;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "issuer|admin",
        converter = RoleConverter.class,
        description = "issuer (mint Velt tokens, verify tokens, check access) or admin (everything)")
    CredentialRole role;

    Create(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            IssuedCredential issued = admin.workspaces().createCredential(workspace, role);
            // both roles, issuer and admin, begin with a vowel
            out.println("Issued an " + role.wireName() + " credential. The auth token is shown only now.");
            out.println("  api key:       " + issued.workspace().apiKey());
            out.println("  credential:    " + issued.credentialId());
            out.println("  auth token:    " + issued.authToken());
          });
    }
  }

  /** {@code credential list --workspace API_KEY}. */
  @Command(name = "list", description = "List a workspace's credentials (never their tokens).")
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
            out.printf("%-24s %-8s %-22s %s%n", "CREDENTIAL", "ROLE", "CREATED", "STATUS");
            for (Credential credential : admin.workspaces().credentials(workspace)) {
              out.printf(
                  "%-24s %-8s %-22s %s%n",
                  credential.id(),
                  credential.role().wireName(),
                  credential.createdAt().truncatedTo(ChronoUnit.SECONDS),
                  credential.revoked() ? "revoked" : "active");
            }
          });
    }
  }

  /** {@code credential revoke --workspace API_KEY CREDENTIAL}. */
  @Command(name = "revoke", description = "Revoke a credential: it authenticates nobody from now on.")
  static final class Revoke implements Callable<Integer> {
    private final Environment environment;

    @Spec CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "API_KEY", description = "the workspace's API key")
    String workspace;

    @Parameters(index = "0", paramLabel = "CREDENTIAL", description = "the credential's id (see credential list)")
    String credentialId;

    Revoke(Environment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Administered.run(
          environment,
          spec,
          (admin, settings, out) -> {
            admin.workspaces().revokeCredential(workspace, credentialId);
            out.println("Revoked credential " + credentialId + ".");
          });
    }
  }
}
