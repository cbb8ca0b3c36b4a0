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

/**
 * The in-process set-up the use-case benchmarks share: one workspace on in-memory stores with an
 * active key of one algorithm, the mint use case on it, and an issuer caller.
 */
record BenchWorkspace(
    Clock clock,
    MasterKey masterKey,
    CryptoProviders providers,
    InMemoryAuditLog audit,
    KeyService keys,
    MintTokenService mint,
    Caller caller) {

  /** A fresh workspace signing with {@code algorithm}, on native crypto if {@code nativeCrypto}. */
  static BenchWorkspace start(boolean nativeCrypto, SigningAlgorithm algorithm) {
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
    keys.ensureActiveKey(workspace, algorithm);
    MintTokenService mint =
        new MintTokenService(
            keyRing,
            new NimbusTokenSigner(masterKey, providers),
            new InMemoryGrantStore(),
            new InMemoryUserDirectory(),
            audit,
            clock,
            VeltProfile.standard(),
            TokenLimits.DEFAULTS);
    Caller caller = new Caller(workspace, "cred_bench", CredentialRole.ISSUER);
    return new BenchWorkspace(clock, masterKey, providers, audit, keys, mint, caller);
  }
}
