package dev.tokenmint.bootstrap;

import dev.tokenmint.adapter.crypto.NimbusKeyGenerator;
import dev.tokenmint.adapter.crypto.NimbusTokenSigner;
import dev.tokenmint.adapter.http.HttpServer;
import dev.tokenmint.application.memory.InMemoryAuditLog;
import dev.tokenmint.application.memory.InMemoryCredentialStore;
import dev.tokenmint.application.memory.InMemoryGrantStore;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.memory.InMemoryTransactions;
import dev.tokenmint.application.memory.InMemoryUserDirectory;
import dev.tokenmint.application.memory.InMemoryWorkspaceStore;
import dev.tokenmint.application.port.in.ManageWorkspaces.DefaultWorkspaceCommand;
import dev.tokenmint.application.port.in.ManageWorkspaces.ProvisionedWorkspace;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.application.service.AuthenticationService;
import dev.tokenmint.application.service.GenerateAuthorizationService;
import dev.tokenmint.application.service.KeyService;
import dev.tokenmint.application.service.MintTokenService;
import dev.tokenmint.application.service.ReadinessService;
import dev.tokenmint.application.service.WorkspaceService;
import dev.tokenmint.domain.token.DataforProfile;
import dev.tokenmint.domain.token.VeltProfile;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root: builds the whole graph from {@link Settings} with constructors, one method
 * per subgraph, and starts the HTTP server. The only place that knows every module.
 */
public final class Tokenmint implements AutoCloseable {

  private final HttpServer server;
  private final ProvisionedWorkspace provisioned;

  private Tokenmint(HttpServer server, ProvisionedWorkspace provisioned) {
    this.server = server;
    this.provisioned = provisioned;
  }

  /**
   * Builds and starts tokenmint.
   *
   * @throws dev.tokenmint.domain.failure.TokenmintException when the configured credential cannot
   *     be provisioned
   */
  public static Tokenmint start(Settings settings, Clock clock) {
    Stores stores = stores();
    Signing signing = signing(stores, clock);
    ProvisionedWorkspace provisioned =
        new WorkspaceService(
                stores.workspaces(),
                stores.credentials(),
                signing.keys(),
                settings.signingAlgorithm(),
                stores.transactions(),
                clock)
            .ensureDefault(new DefaultWorkspaceCommand(settings.apiKey(), settings.authToken()));
    HttpServer server = http(settings, clock, stores, signing).start();
    return new Tokenmint(server, provisioned);
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The default workspace's API key. */
  public String apiKey() {
    return provisioned.workspace().apiKey();
  }

  /** The admin auth token generated at this start, if one was (it is never shown again). */
  public Optional<String> generatedAuthToken() {
    return provisioned.generatedAuthToken();
  }

  @Override
  public void close() {
    server.close();
  }

  private record Stores(
      WorkspaceStore workspaces,
      CredentialStore credentials,
      KeyRing keyRing,
      UserDirectory users,
      GrantStore grants,
      AuditLog audit,
      Transactions transactions) {}

  private record Signing(NimbusTokenSigner signer, KeyService keys) {}

  // Until durable stores land (issue [2]) everything, signing keys included, lives in memory.
  private static Stores stores() {
    var workspaces = new InMemoryWorkspaceStore();
    var credentials = new InMemoryCredentialStore();
    var users = new InMemoryUserDirectory();
    var grants = new InMemoryGrantStore();
    return new Stores(
        workspaces,
        credentials,
        new InMemoryKeyRing(),
        users,
        grants,
        new InMemoryAuditLog(10_000),
        new InMemoryTransactions(workspaces, credentials, users, grants));
  }

  private static Signing signing(Stores stores, Clock clock) {
    KeyService keys =
        new KeyService(stores.workspaces(), stores.keyRing(), new NimbusKeyGenerator(), clock);
    return new Signing(new NimbusTokenSigner(), keys);
  }

  private static HttpServer http(Settings settings, Clock clock, Stores stores, Signing signing) {
    TokenLimits limits =
        new TokenLimits(
            settings.maxGrants(),
            settings.maxTokenBytes(),
            Math.min(TokenLimits.DEFAULTS.headerSafeBytes(), settings.maxTokenBytes()));
    var mintToken =
        new MintTokenService(
            stores.keyRing(),
            signing.signer(),
            stores.grants(),
            stores.users(),
            stores.audit(),
            clock,
            settings.issuer(),
            VeltProfile.standard(),
            limits);
    var generateAuthorization =
        new GenerateAuthorizationService(
            signing.signer(),
            stores.users(),
            stores.audit(),
            clock,
            DataforProfile.standard(),
            settings.legacyShortHmacKeys());
    var useCases =
        new HttpServer.UseCases(
            new AuthenticationService(stores.workspaces(), stores.credentials()),
            mintToken,
            generateAuthorization,
            signing.keys(),
            new ReadinessService(stores.workspaces(), stores.keyRing()));
    var options = new HttpServer.Options(settings.host(), settings.port(), settings.maxBodyBytes());
    return new HttpServer(options, useCases);
  }
}
