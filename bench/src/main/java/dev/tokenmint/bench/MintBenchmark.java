package dev.tokenmint.bench;

import dev.tokenmint.adapter.crypto.CryptoProviders;
import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.crypto.NimbusKeyGenerator;
import dev.tokenmint.adapter.crypto.NimbusTokenSigner;
import dev.tokenmint.application.memory.InMemoryAuditLog;
import dev.tokenmint.application.memory.InMemoryGrantStore;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.memory.InMemoryUserDirectory;
import dev.tokenmint.application.memory.InMemoryWorkspaceSettings;
import dev.tokenmint.application.memory.InMemoryWorkspaceStore;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.application.service.KeyService;
import dev.tokenmint.application.service.MintTokenService;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process mint use case, as an embedder or the HTTP route calls it: {@link MintTokenService}
 * with in-memory stores and the real Nimbus signer on the fastest providers (limits, stored-grant
 * merge, claims, JSON, Base64URL, signature, size check, audit record).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MintBenchmark {

  /** JWS algorithm of the workspace's active key. */
  @Param({"HS256", "ES256", "EdDSA", "RS256", "PS256"})
  public String alg;

  /** Grants in the request. */
  @Param({"1", "3", "10", "100", "1000"})
  public int grants;

  /** Whether native code (ACCP) may be used: {@code TOKENMINT_NATIVE_CRYPTO}. */
  @Param({"true"})
  public boolean nativeCrypto;

  private MintTokenService mint;
  private Caller caller;
  private MintTokenCommand command;

  @Setup
  public void setUp() {
    Clock clock = Clock.systemUTC();
    MasterKey masterKey = MasterKey.generate();
    CryptoProviders providers = CryptoProviders.fastest(nativeCrypto);
    InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    Workspace workspace =
        new Workspace("ws_bench", "tmk_bench", "Bench", true, "http://localhost:8080");
    workspaces.create(workspace);
    InMemoryKeyRing keyRing = new InMemoryKeyRing();
    InMemoryAuditLog audit = new InMemoryAuditLog(10_000);
    KeyService keys =
        new KeyService(
            workspaces,
            keyRing,
            new InMemoryWorkspaceSettings(),
            new NimbusKeyGenerator(masterKey, providers),
            audit,
            clock,
            VeltProfile.MAX_LIFETIME.cap().plusSeconds(60),
            EnumSet.allOf(SigningAlgorithm.class));
    keys.ensureActiveKey(workspace, Tokens.algorithm(alg));
    mint =
        new MintTokenService(
            keyRing,
            new NimbusTokenSigner(masterKey, providers),
            new InMemoryGrantStore(),
            new InMemoryUserDirectory(),
            audit,
            clock,
            VeltProfile.standard(),
            TokenLimits.DEFAULTS);
    caller = new Caller(workspace, "cred_bench", CredentialRole.ISSUER);
    command = new MintTokenCommand(Tokens.user(), Tokens.grants(grants));
  }

  @Benchmark
  public MintedToken mint() {
    return mint.mint(caller, command);
  }
}
