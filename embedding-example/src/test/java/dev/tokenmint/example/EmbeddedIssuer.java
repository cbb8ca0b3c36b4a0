package dev.tokenmint.example;

import dev.tokenmint.adapter.crypto.JwksDocument;
import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.crypto.NimbusKeyGenerator;
import dev.tokenmint.adapter.crypto.NimbusTokenSigner;
import dev.tokenmint.application.memory.InMemoryAuditLog;
import dev.tokenmint.application.memory.InMemoryGrantStore;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.memory.InMemoryUserDirectory;
import dev.tokenmint.application.memory.InMemoryWorkspaceSettings;
import dev.tokenmint.application.memory.InMemoryWorkspaceStore;
import dev.tokenmint.application.port.in.MintToken;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.application.service.KeyService;
import dev.tokenmint.application.service.MintTokenService;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The issuing side of the example: tokenmint's own use cases, wired by hand with in-memory stores
 * and the real Nimbus signer — what tokenmint's server does, minus HTTP and the database.
 */
final class EmbeddedIssuer {

  static final String ISSUER = "https://tokens.example.com";

  private final KeyService keys;
  private final MintToken mintToken;
  private final Caller issuer;
  private final Caller admin;

  EmbeddedIssuer(Clock clock) {
    // tag::issuer[]
    MasterKey masterKey = MasterKey.generate(); // seals private keys at rest; keep it secret
    InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    Workspace workspace = new Workspace("ws_example", "example_api_key", "Example", true, ISSUER);
    workspaces.create(workspace);
    InMemoryKeyRing keyRing = new InMemoryKeyRing();
    // Minted tokens and key rotations; bounded, the oldest go first.
    InMemoryAuditLog audit = new InMemoryAuditLog(1000);
    // A retiring key keeps verifying for the longest token lifetime plus the clock skew.
    Duration overlap = VeltProfile.MAX_LIFETIME.cap().plusSeconds(60);
    KeyService keys =
        new KeyService(
            workspaces,
            keyRing,
            new InMemoryWorkspaceSettings(),
            new NimbusKeyGenerator(masterKey),
            audit,
            clock,
            overlap,
            EnumSet.allOf(SigningAlgorithm.class));
    keys.ensureActiveKey(workspace, SigningAlgorithm.ES256);
    MintToken mintToken =
        new MintTokenService(
            keyRing,
            new NimbusTokenSigner(masterKey),
            new InMemoryGrantStore(),
            new InMemoryUserDirectory(),
            audit,
            clock,
            VeltProfile.standard(),
            TokenLimits.DEFAULTS);
    Caller issuer = new Caller(workspace, "example-credential", CredentialRole.ISSUER);
    // end::issuer[]
    this.keys = keys;
    this.mintToken = mintToken;
    this.issuer = issuer;
    this.admin = new Caller(workspace, "example-admin", CredentialRole.ADMIN);
  }

  /** A Velt token for {@code user} carrying {@code grants}. */
  String mint(User user, GrantSet grants) {
    // tag::mint[]
    String token = mintToken.mint(issuer, new MintTokenCommand(user, grants)).token();
    // end::mint[]
    return token;
  }

  /** The JWKS document of the keys that verify now, as tokenmint serves it. */
  String jwks() {
    // tag::jwks[]
    String jwks = JwksDocument.json(keys.publicJwks(Optional.empty()));
    // end::jwks[]
    return jwks;
  }

  /** Rotates the ring: a new active key; the previous one turns retiring. */
  SigningKey rotate() {
    return keys.rotate(admin);
  }
}
