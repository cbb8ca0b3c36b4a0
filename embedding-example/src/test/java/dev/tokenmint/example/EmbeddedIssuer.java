package dev.tokenmint.example;

import dev.tokenmint.adapter.crypto.CryptoProviders;
import dev.tokenmint.adapter.crypto.JwksDocument;
import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.crypto.NimbusKeyGenerator;
import dev.tokenmint.adapter.crypto.NimbusTokenSigner;
import dev.tokenmint.adapter.crypto.NimbusTokenVerifier;
import dev.tokenmint.application.memory.InMemoryAuditLog;
import dev.tokenmint.application.memory.InMemoryGrantStore;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.memory.InMemoryRevocationList;
import dev.tokenmint.application.memory.InMemoryUserDirectory;
import dev.tokenmint.application.memory.InMemoryWorkspaceSettings;
import dev.tokenmint.application.memory.InMemoryWorkspaceStore;
import dev.tokenmint.application.port.in.ExchangeToken;
import dev.tokenmint.application.port.in.MintToken;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.application.service.ExchangeTokenService;
import dev.tokenmint.application.service.KeyService;
import dev.tokenmint.application.service.MintTokenService;
import dev.tokenmint.application.service.VerificationService;
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
  private final VerifyToken verification;
  private final ExchangeToken exchangeToken;

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
    // Revocation and token exchange, as the server wires them: the revoked ids in memory here.
    NimbusTokenSigner signer = new NimbusTokenSigner(masterKey);
    this.verification =
        new VerificationService(
            keys,
            new NimbusTokenVerifier(masterKey, CryptoProviders.fastest(false)),
            new InMemoryRevocationList(),
            audit,
            clock,
            Duration.ofSeconds(60),
            TokenLimits.DEFAULTS.maxTokenBytes());
    this.exchangeToken =
        new ExchangeTokenService(
            workspaces,
            verification,
            keyRing,
            signer,
            audit,
            clock,
            VeltProfile.standard(),
            TokenLimits.DEFAULTS.maxGrants());
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

  /**
   * A token exchanged (RFC 8693) from {@code subjectToken}, carrying {@code grants}, which it must
   * cover: what {@code POST /oauth2/token} answers.
   */
  String exchange(String subjectToken, GrantSet grants) {
    ExchangeToken.SubjectCheck check = exchangeToken.subject(Optional.empty(), subjectToken);
    if (!(check instanceof ExchangeToken.Accepted accepted)) {
      throw new IllegalArgumentException(((ExchangeToken.Refused) check).reason());
    }
    return exchangeToken.exchange(accepted.subject(), grants, Optional.empty()).token();
  }

  /**
   * Revokes {@code token}, and with it every token exchanged from it, as {@code
   * /v2/auth/revoke_token} does; returns its {@code jti}.
   */
  String revoke(String token) {
    return verification.revoke(admin, Optional.of(token), Optional.empty()).jti();
  }

  /** Rotates the ring: a new active key; the previous one turns retiring. */
  SigningKey rotate() {
    return keys.rotate(admin);
  }
}
