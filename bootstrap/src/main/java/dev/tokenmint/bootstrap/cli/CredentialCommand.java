package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ManageWorkspaces.IssuedCredential;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokenmint credential create | list | revoke}. */
@Command(
    name = "credential",
    description = "Issue, list and revoke a workspace's credentials (same configuration as serve).",
    mixinStandardHelpOptions = true)
final class CredentialCommand {

  @Mixin Configuration configuration;

  @Command(name = "create", description = "Issue a credential; its auth token is shown once.")
  int create(
      @Mixin WorkspaceOption workspace,
      @Option(
              names = "--role",
              required = true,
              paramLabel = "issuer|admin",
              description =
                  "issuer (mint Velt tokens, verify tokens, check access) or admin (everything)")
          CredentialRole role) {
    return configuration.administer(
        (admin, settings, out) -> {
          IssuedCredential issued = admin.workspaces().createCredential(workspace.apiKey, role);
          // both roles, issuer and admin, begin with a vowel
          out.println(
              "Issued an " + role.wireName() + " credential. The auth token is shown only now.");
          out.println("  api key:       " + issued.workspace().apiKey());
          out.println("  credential:    " + issued.credentialId());
          out.println("  auth token:    " + issued.authToken());
        });
  }

  @Command(name = "list", description = "List a workspace's credentials (never their tokens).")
  int list(@Mixin WorkspaceOption workspace) {
    return configuration.administer(
        (admin, settings, out) -> {
          out.printf("%-24s %-8s %-22s %s%n", "CREDENTIAL", "ROLE", "CREATED", "STATUS");
          for (Credential credential : admin.workspaces().credentials(workspace.apiKey)) {
            out.printf(
                "%-24s %-8s %-22s %s%n",
                credential.id(),
                credential.role().wireName(),
                credential.createdAt().truncatedTo(ChronoUnit.SECONDS),
                credential.revoked() ? "revoked" : "active");
          }
        });
  }

  @Command(
      name = "revoke",
      description = "Revoke a credential: it authenticates nobody from now on.")
  int revoke(
      @Mixin WorkspaceOption workspace,
      @Parameters(
              index = "0",
              paramLabel = "CREDENTIAL",
              description = "the credential's id (see credential list)")
          String credentialId) {
    return configuration.administer(
        (admin, settings, out) -> {
          admin.workspaces().revokeCredential(workspace.apiKey, credentialId);
          out.println("Revoked credential " + credentialId + ".");
        });
  }
}
