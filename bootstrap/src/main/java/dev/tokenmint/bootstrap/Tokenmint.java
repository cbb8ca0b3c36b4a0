package dev.tokenmint.bootstrap;

import dev.tokenmint.adapter.crypto.CryptoProviders;
import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.crypto.NimbusKeyGenerator;
import dev.tokenmint.adapter.crypto.NimbusTokenSigner;
import dev.tokenmint.adapter.crypto.NimbusTokenVerifier;
import dev.tokenmint.adapter.crypto.SealedKeyException;
import dev.tokenmint.adapter.http.HttpServer;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.adapter.jdbc.JdbcDatabase;
import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.ManageRateLimits;
import dev.tokenmint.application.port.in.ManageWorkspaces;
import dev.tokenmint.application.port.in.ManageWorkspaces.DefaultWorkspaceCommand;
import dev.tokenmint.application.port.in.ManageWorkspaces.ProvisionedWorkspace;
import dev.tokenmint.application.port.in.ReadAudit;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.CredentialStore;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.RevocationList;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.application.port.out.UserDirectory;
import dev.tokenmint.application.port.out.UserRecords;
import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.application.service.ActiveKeyCache;
import dev.tokenmint.application.service.AuthenticationService;
import dev.tokenmint.application.service.ExchangeTokenService;
import dev.tokenmint.application.service.GenerateAuthorizationService;
import dev.tokenmint.application.service.KeyService;
import dev.tokenmint.application.service.MintTokenService;
import dev.tokenmint.application.service.PermissionService;
import dev.tokenmint.application.service.RateLimitService;
import dev.tokenmint.application.service.ReadAuditService;
import dev.tokenmint.application.service.ReadinessService;
import dev.tokenmint.application.service.UserService;
import dev.tokenmint.application.service.VerificationService;
import dev.tokenmint.application.service.WorkspaceService;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.DataforProfile;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the whole graph from {@link Settings} with constructors, one method
 * per subgraph. {@link #start} serves HTTP; {@link #administer} gives the command line the same
 * stores and use cases without a server. The only place that knows every module.
 */
public final class Tokenmint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Tokenmint.class);

  private final Core core;
  private final HttpServer server;
  private final Maintenance maintenance;
  private final ProvisionedWorkspace provisioned;

  private Tokenmint(
      Core core, HttpServer server, Maintenance maintenance, ProvisionedWorkspace provisioned) {
    this.core = core;
    this.server = server;
    this.maintenance = maintenance;
    this.provisioned = provisioned;
  }

  /**
   * Builds tokenmint, provisions the default workspace and starts the HTTP server.
   *
   * @throws ConfigurationException when the configuration cannot be used (a wrong master key, say)
   * @throws dev.tokenmint.domain.failure.TokenmintException when the configured credential cannot
   *     be provisioned
   */
  public static Tokenmint start(Settings settings, Clock clock) {
    // The HTTP side's costliest parts are made on other threads while this one opens and migrates
    // the database: the JSON bodies' validator at once, the metrics once the providers are loaded.
    CompletableFuture<CryptoProviders> providers = loadProviders(settings);
    CompletableFuture<JsonBodies> bodies =
        CompletableFuture.supplyAsync(JsonBodies::new, Tokenmint::startThread);
    CompletableFuture<HttpServer.Foundation> foundation =
        providers.thenCombine(
            bodies, (loaded, made) -> HttpServer.Foundation.prepare(loaded.describeAll(), made));
    Core core;
    try {
      core = Core.open(settings, clock, Role.SERVER, providers);
    } catch (RuntimeException e) {
      foundation.thenAccept(HttpServer.Foundation::close);
      throw e;
    }
    LOG.info("signing providers: {}", core.providers());
    HttpServer server = null;
    try {
      // Listening comes first: a port that is taken stops the start before any credential is
      // generated, so a generated credential is never stored without being shown.
      server = http(settings, clock, core, StartTasks.joined(foundation)).startNotReady();
      // Workspaces made before issuers were stored get the issuer their tokens carried: the
      // configured one, else this listening address. Only a server does it; a command run from
      // another shell could have another configuration.
      core.stores().workspaces().assignMissingIssuers(settings.issuerFor(server.port()));
      ProvisionedWorkspace provisioned =
          core.workspaces()
              .ensureDefault(
                  new DefaultWorkspaceCommand(
                      settings.apiKey(),
                      settings.authToken(),
                      settings.issuer(),
                      settings.issuerFor(server.port())));
      // Its key may have been activated in that transaction (a changed TOKENMINT_SIGNING_ALG): a
      // mint served meanwhile may have remembered the key before it, which this instance must not
      // sign with from now on.
      core.stores().signingKeys().forget(provisioned.workspace().id());
      core.stores()
          .keyRing()
          .activeKey(provisioned.workspace().id())
          .ifPresent(key -> prepare(core.signer(), key));
      if (provisioned.generatedAuthToken().isEmpty() && settings.authToken().isEmpty()) {
        warnWithoutAdmin(core, provisioned.workspace());
      }
      Maintenance maintenance =
          new Maintenance(
                  core.stores().workspaces(),
                  core.keys(),
                  core.stores().revocations(),
                  clock,
                  settings.keyRotation())
              .start();
      server.ready();
      return new Tokenmint(core, server, maintenance, provisioned);
    } catch (RuntimeException e) {
      try {
        if (server != null) {
          server.close();
        } else {
          foundation.thenAccept(HttpServer.Foundation::close);
        }
      } finally {
        core.close();
      }
      throw e;
    }
  }

  /** Says how to make an admin credential when the default workspace has none that works. */
  private static void warnWithoutAdmin(Core core, Workspace workspace) {
    boolean usable =
        core.workspaces().credentials(workspace.apiKey()).stream()
            .anyMatch(
                credential -> credential.role() == CredentialRole.ADMIN && !credential.revoked());
    if (!usable) {
      LOG.warn(
          "the default workspace {} has no active admin credential; make one with: tokenmint"
              + " credential create --workspace {} --role admin",
          workspace.apiKey(),
          workspace.apiKey());
    }
  }

  /**
   * The stores and administrative use cases, without a server, for the command line. Close it when
   * done.
   */
  public static Administration administer(Settings settings, Clock clock) {
    return new Administration(Core.open(settings, clock, Role.COMMAND, loadProviders(settings)));
  }

  /** Runs {@code task} on a thread of its own, which does not hold the process up. */
  private static void startThread(Runnable task) {
    Thread thread = new Thread(task, "tokenmint-start");
    thread.setDaemon(true);
    thread.start();
  }

  /** Loads the signing providers (ACCP's native library) on another thread. */
  private static CompletableFuture<CryptoProviders> loadProviders(Settings settings) {
    return CompletableFuture.supplyAsync(() -> CryptoProviders.fastest(settings.nativeCrypto()));
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The issuer of the default workspace's tokens. */
  public String issuer() {
    return provisioned.workspace().issuer();
  }

  /** The management port, when {@code TOKENMINT_MANAGEMENT_PORT} asked for one. */
  public OptionalInt managementPort() {
    return server.managementPort();
  }

  /** The default workspace's API key. */
  public String apiKey() {
    return provisioned.workspace().apiKey();
  }

  /** The admin auth token generated at this start, if one was (it is never shown again). */
  public Optional<String> generatedAuthToken() {
    return provisioned.generatedAuthToken();
  }

  /**
   * Stops gracefully: not ready at once, requests in flight finish (up to {@code
   * TOKENMINT_SHUTDOWN_GRACE_SECONDS}), then the audit queue is written and the stores close.
   */
  @Override
  public void close() {
    LOG.info(
        "tokenmint stopping: not ready from now on, requests in flight have up to {} s",
        core.settings().shutdownGrace().toSeconds());
    try {
      maintenance.close();
      server.stop(core.settings().shutdownGrace());
    } finally {
      core.close();
      LOG.info("tokenmint stopped");
    }
  }

  /** What a process does with the stores: serve, or run one administrative command. */
  private enum Role {
    SERVER,
    COMMAND
  }

  /** How long a server or a command waits for a command working on the same data directory. */
  private static final Duration COMMAND_PATIENCE = Duration.ofSeconds(10);

  /** What the command line may do: manage workspaces, credentials and keys, read the audit. */
  public static final class Administration implements AutoCloseable {
    private final Core core;

    private Administration(Core core) {
      this.core = core;
    }

    /** Workspaces and their credentials. */
    public ManageWorkspaces workspaces() {
      return core.workspaces();
    }

    /** Key rings. */
    public ManageKeys keys() {
      return core.keys();
    }

    /** The workspaces' own rate limits. */
    public ManageRateLimits rateLimits() {
      return core.rateLimits();
    }

    /** The audit of every workspace, read as an {@linkplain #operatorOf operator}. */
    public ReadAudit audit() {
      return new ReadAuditService(core.stores().audit());
    }

    /**
     * The operator acting on the workspace with {@code apiKey}: the command line runs with the
     * rights of whoever can read the configuration, an admin of every workspace. Its changes are
     * audited with the actor {@link AuditEvent#CLI}.
     *
     * @throws NotFoundException when no workspace has that API key
     */
    public Caller operatorOf(String apiKey) {
      Workspace workspace =
          core.stores()
              .workspaces()
              .findByApiKey(apiKey)
              .orElseThrow(() -> new NotFoundException("no workspace has API key " + apiKey));
      return new Caller(workspace, AuditEvent.CLI, CredentialRole.ADMIN);
    }

    @Override
    public void close() {
      core.close();
    }
  }

  /** Stores, signing and the services every entry point shares. */
  private record Core(
      Settings settings,
      Stores stores,
      CryptoProviders providers,
      NimbusTokenSigner signer,
      NimbusTokenVerifier verifier,
      KeyService keys,
      WorkspaceService workspaces,
      RateLimitService rateLimits,
      List<AutoCloseable> resources) {

    /** Opens the stores; loading the {@code providers} overlaps opening and migrating them. */
    static Core open(
        Settings settings, Clock clock, Role role, CompletableFuture<CryptoProviders> providers) {
      List<AutoCloseable> held = new ArrayList<>();
      try {
        DataDirectoryLock commands = null;
        if (!settings.usesPostgres()) {
          Path directory = settings.dataDir().toAbsolutePath().normalize();
          if (role == Role.SERVER) {
            held.add(DataDirectoryLock.server(directory));
          }
          commands = DataDirectoryLock.command(directory, COMMAND_PATIENCE);
          held.add(commands);
        }
        MasterKey masterKey = MasterKeys.resolve(settings);
        JdbcDatabase database = openDatabase(settings, role);
        held.add(0, database);
        if (commands != null && role == Role.SERVER) {
          // Opened: this server hosts the database, and commands reach it through it.
          held.remove(commands);
          commands.close();
        }
        return assemble(settings, clock, masterKey, database, StartTasks.joined(providers), held);
      } catch (RuntimeException e) {
        closeAll(held);
        throw e;
      }
    }

    private static Core assemble(
        Settings settings,
        Clock clock,
        MasterKey masterKey,
        JdbcDatabase database,
        CryptoProviders providers,
        List<AutoCloseable> resources) {
      ActiveKeyCache signingKeys =
          new ActiveKeyCache(database.keyRing(), clock, settings.keyCache());
      Stores stores =
          new Stores(
              database.workspaces(),
              database.settings(),
              database.credentials(),
              signingKeys.uncached(),
              signingKeys,
              database.users(),
              database.grants(),
              database.userRecords(),
              database.audit(),
              database.revocations(),
              database.transactions());
      KeyService keys =
          new KeyService(
              stores.workspaces(),
              stores.keyRing(),
              stores.settings(),
              new NimbusKeyGenerator(masterKey, providers),
              stores.audit(),
              clock,
              // An instance may sign with a retired key for up to the key cache after the
              // rotation: the key verifies that much longer, so each of its tokens until it
              // expires.
              VeltProfile.MAX_LIFETIME
                  .cap()
                  .plus(settings.clockSkew())
                  .plus(Settings.MAX_KEY_CACHE),
              settings.allowedAlgorithms());
      WorkspaceService workspaces =
          new WorkspaceService(
              stores.workspaces(),
              stores.credentials(),
              keys,
              settings.signingAlgorithm(),
              stores.transactions(),
              stores.audit(),
              clock,
              settings.issuerFor(settings.port()));
      return new Core(
          settings,
          stores,
          providers,
          new NimbusTokenSigner(masterKey, providers),
          new NimbusTokenVerifier(masterKey, providers),
          keys,
          workspaces,
          new RateLimitService(
              stores.workspaces(),
              stores.settings(),
              stores.transactions(),
              settings.rateLimit(),
              settings.authFailureLimit(),
              clock,
              settings.credentialCache()),
          List.copyOf(resources));
    }

    void close() {
      closeAll(resources);
    }

    /** Closes each, in order, even when one fails. */
    private static void closeAll(List<AutoCloseable> resources) {
      IllegalStateException failure = null;
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new IllegalStateException("closing the stores failed", e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * The stores; {@code keyRing} reads afresh (managing keys, verifying), {@code signingKeys}
   * remembers active keys for {@code TOKENMINT_KEY_CACHE_SECONDS} (signing).
   */
  private record Stores(
      WorkspaceStore workspaces,
      WorkspaceSettings settings,
      CredentialStore credentials,
      KeyRing keyRing,
      ActiveKeyCache signingKeys,
      UserDirectory users,
      GrantStore grants,
      UserRecords userRecords,
      AuditLog audit,
      RevocationList revocations,
      Transactions transactions) {}

  /**
   * PostgreSQL when configured, else the embedded H2 database under the data directory: hosted by a
   * server, reached through the server's port (or the file when none runs) by a command.
   */
  private static JdbcDatabase openDatabase(Settings settings, Role role) {
    String directory = settings.dataDir().toAbsolutePath().toString();
    try {
      return settings
          .dbUrl()
          .map(url -> JdbcDatabase.open(url, settings.dbUser(), settings.dbPassword()))
          .orElseGet(
              () ->
                  role == Role.SERVER
                      ? JdbcDatabase.hostEmbedded(directory)
                      : JdbcDatabase.embedded(directory));
    } catch (UnavailableException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigurationException(
          "cannot reach the database"
              + (settings.usesPostgres() ? " at TOKENMINT_DB_URL" : " under " + settings.dataDir())
              + ": "
              + cause.getMessage());
    }
  }

  /** Opens the active key now: a wrong master key stops the start instead of the first request. */
  private static void prepare(NimbusTokenSigner signer, SigningKey key) {
    try {
      signer.prepare(key);
    } catch (SealedKeyException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static HttpServer http(
      Settings settings, Clock clock, Core core, HttpServer.Foundation foundation) {
    Stores stores = core.stores();
    TokenLimits limits =
        new TokenLimits(
            settings.maxGrants(),
            settings.maxTokenBytes(),
            Math.min(TokenLimits.DEFAULTS.headerSafeBytes(), settings.maxTokenBytes()));
    var mintToken =
        new MintTokenService(
            stores.signingKeys(),
            core.signer(),
            stores.userRecords(),
            stores.audit(),
            clock,
            VeltProfile.standard(),
            limits);
    var generateAuthorization =
        new GenerateAuthorizationService(
            core.signer(),
            stores.users(),
            stores.audit(),
            clock,
            DataforProfile.standard(),
            settings.legacyShortHmacKeys());
    var verification =
        new VerificationService(
            core.keys(),
            core.verifier(),
            stores.revocations(),
            stores.audit(),
            clock,
            settings.clockSkew(),
            settings.maxTokenBytes());
    var exchangeToken =
        new ExchangeTokenService(
            stores.workspaces(),
            verification,
            stores.signingKeys(),
            core.signer(),
            stores.audit(),
            clock,
            VeltProfile.standard(),
            settings.maxGrants());
    var useCases =
        new HttpServer.UseCases(
            new AuthenticationService(
                stores.workspaces(), stores.credentials(), clock, settings.credentialCache()),
            mintToken,
            generateAuthorization,
            core.keys(),
            new ReadinessService(stores.workspaces(), stores.keyRing()),
            new UserService(
                stores.users(),
                stores.grants(),
                stores.transactions(),
                stores.audit(),
                clock,
                settings.maxGrants()),
            new PermissionService(
                stores.grants(),
                stores.transactions(),
                stores.audit(),
                clock,
                settings.maxGrants()),
            verification,
            core.keys(),
            core.rateLimits(),
            new ReadAuditService(stores.audit()),
            exchangeToken);
    var options =
        new HttpServer.Options(
                settings.host(),
                settings.port(),
                settings.maxBodyBytes(),
                settings.virtualThreads())
            .withManagementPort(settings.managementPort());
    return new HttpServer(options, useCases, foundation);
  }
}
