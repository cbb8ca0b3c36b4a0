package dev.tokenmint.example;

import static dev.tokenmint.example.EmbeddedIssuer.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tokenmint.adapter.crypto.JwksTokenVerifier;
import dev.tokenmint.adapter.crypto.TokenVerification;
import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.verification.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The complete example of {@code docs/embedding.md}: tokenmint's modules mint a Velt token in
 * memory, publish the JWKS, and a resource server verifies the token from that JWKS and decides
 * access, with no HTTP and no database. The doc's snippets are copied from the tagged regions here
 * and in {@link EmbeddedIssuer}; {@link EmbeddingDocTest} keeps them in sync.
 */
class EmbeddingExampleTest {

  private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final EmbeddedIssuer tokenmint = new EmbeddedIssuer(clock);

  private String mintExampleToken() {
    // tag::grants[]
    User user = new User("user123", UserProfile.builder().name("John Doe").build());
    GrantSet grants =
        GrantSet.of(
            List.of(
                Grant.of(new Organization("org_123"), AccessRole.VIEWER),
                Grant.of(new Document("doc_456", "org_123"), AccessRole.EDITOR),
                new Grant(
                    new Document("doc_789", "org_123"),
                    AccessRole.EDITOR,
                    Optional.of(clock.instant().plus(Duration.ofHours(1))))));
    // end::grants[]
    return tokenmint.mint(user, grants);
  }

  @Test
  void a_resource_server_verifies_the_token_from_the_jwks_and_decides_access() {
    String token = mintExampleToken();
    String jwks = tokenmint.jwks();

    // tag::verify[]
    JwksTokenVerifier verifier =
        JwksTokenVerifier.fromJson(jwks)
            .issuer("https://tokens.example.com")
            .clock(clock) // Clock.systemUTC() in production
            .build();

    TokenVerification result = verifier.verify(token);
    if (result instanceof TokenVerification.Refused refused) {
      // A resource server answers 401 here, with refused.rejection().wireName() and detail().
      fail(refused.rejection().wireName() + ": " + refused.detail());
    }
    TokenVerification.Verified verified = (TokenVerification.Verified) result;
    String userId = verified.userId(); // "user123"
    // end::verify[]

    assertThat(userId).isEqualTo("user123");
    assertThat(verified.claims().get("iss")).contains(ISSUER);
    assertThat(verified.grants().size()).isEqualTo(3);

    // tag::access[]
    AccessTarget doc456 = AccessTarget.of(new Document("doc_456", "org_123"));
    AccessDecision decision = verifier.checkAccess(verified, doc456, AccessRole.EDITOR);
    if (decision instanceof AccessDecision.Allowed allowed) {
      Grant decidedBy = allowed.decidedBy(); // the editor grant on doc_456
    } else {
      String reason = ((AccessDecision.Denied) decision).reason(); // safe to show
    }
    // end::access[]

    assertThat(decision).isInstanceOf(AccessDecision.Allowed.class);
    assertThat(((AccessDecision.Allowed) decision).decidedBy().resource())
        .isEqualTo(new Document("doc_456", "org_123"));

    AccessTarget org123 = AccessTarget.of(new Organization("org_123"));
    AccessTarget doc000 = AccessTarget.of(new Document("doc_000", "org_123"));
    AccessTarget org999 = AccessTarget.of(new Organization("org_999"));
    assertThat(verifier.checkAccess(verified, org123, AccessRole.VIEWER))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(verifier.checkAccess(verified, org123, AccessRole.EDITOR))
        .isInstanceOf(AccessDecision.Denied.class);
    assertThat(verifier.checkAccess(verified, doc000, AccessRole.VIEWER))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(verifier.checkAccess(verified, doc000, AccessRole.EDITOR))
        .isInstanceOf(AccessDecision.Denied.class);
    assertThat(verifier.checkAccess(verified, org999, AccessRole.VIEWER))
        .isEqualTo(new AccessDecision.Denied("no grant on organization 'org_999'"));
  }

  @Test
  void an_expired_document_grant_falls_back_to_the_organization_grant() {
    String token = mintExampleToken();
    AccessTarget doc789 = AccessTarget.of(new Document("doc_789", "org_123"));
    JwksTokenVerifier now =
        JwksTokenVerifier.fromJson(tokenmint.jwks()).issuer(ISSUER).clock(clock).build();
    JwksTokenVerifier twoHoursLater =
        JwksTokenVerifier.fromJson(tokenmint.jwks())
            .issuer(ISSUER)
            .clock(Clock.offset(clock, Duration.ofHours(2)))
            .build();

    TokenVerification.Verified before = (TokenVerification.Verified) now.verify(token);
    TokenVerification.Verified after = (TokenVerification.Verified) twoHoursLater.verify(token);

    assertThat(now.checkAccess(before, doc789, AccessRole.EDITOR))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(twoHoursLater.checkAccess(after, doc789, AccessRole.EDITOR))
        .isInstanceOf(AccessDecision.Denied.class);
    AccessDecision fallback = twoHoursLater.effectiveAccess(after, doc789);
    assertThat(fallback).isInstanceOf(AccessDecision.Allowed.class);
    assertThat(((AccessDecision.Allowed) fallback).decidedBy())
        .isEqualTo(Grant.of(new Organization("org_123"), AccessRole.VIEWER));
  }

  @Test
  void the_token_is_refused_once_expired_and_by_a_verifier_expecting_another_issuer() {
    String token = mintExampleToken();
    JwksTokenVerifier in49Hours =
        JwksTokenVerifier.fromJson(tokenmint.jwks())
            .issuer(ISSUER)
            .clock(Clock.offset(clock, Duration.ofHours(49)))
            .build();
    JwksTokenVerifier otherWorkspace =
        JwksTokenVerifier.fromJson(tokenmint.jwks())
            .issuer(ISSUER + "/workspaces/another_api_key")
            .clock(clock)
            .build();

    assertThat(((TokenVerification.Refused) in49Hours.verify(token)).rejection())
        .isEqualTo(Rejection.EXPIRED);
    assertThat(((TokenVerification.Refused) otherWorkspace.verify(token)).rejection())
        .isEqualTo(Rejection.WRONG_ISSUER);
  }

  @Test
  void given_the_revoked_ids_a_revoked_token_and_every_token_exchanged_from_it_are_refused() {
    String parent = mintExampleToken();
    GrantSet viewDoc456 =
        GrantSet.of(List.of(Grant.of(new Document("doc_456", "org_123"), AccessRole.VIEWER)));
    String child = tokenmint.exchange(parent, viewDoc456);
    String grandchild = tokenmint.exchange(child, GrantSet.empty());
    String jwks = tokenmint.jwks();

    // tag::revocations[]
    // The ids of the tokens revoked at tokenmint (revoke_token, /oauth2/revoke), kept by the
    // embedder: here a set its backend adds to whenever it revokes a token.
    Set<String> revokedIds = ConcurrentHashMap.newKeySet();
    JwksTokenVerifier verifier =
        JwksTokenVerifier.fromJson(jwks)
            .issuer("https://tokens.example.com")
            .clock(clock)
            .revocations(revokedIds::contains) // asked for the token's jti, then its ancestors'
            .build();
    // end::revocations[]

    assertThat(verifier.verify(grandchild)).isInstanceOf(TokenVerification.Verified.class);
    revokedIds.add(tokenmint.revoke(parent));

    for (String token : List.of(parent, child, grandchild)) {
      assertThat(((TokenVerification.Refused) verifier.verify(token)).rejection())
          .isEqualTo(Rejection.REVOKED);
    }
    JwksTokenVerifier withoutRevocations =
        JwksTokenVerifier.fromJson(jwks).issuer(ISSUER).clock(clock).build();
    assertThat(withoutRevocations.verify(grandchild))
        .as("a verifier without revocation source knows of none")
        .isInstanceOf(TokenVerification.Verified.class);
  }

  @Test
  void a_token_of_a_key_not_yet_published_is_an_unknown_key_for_a_json_verifier() {
    JwksTokenVerifier verifier =
        JwksTokenVerifier.fromJson(tokenmint.jwks()).issuer(ISSUER).clock(clock).build();
    tokenmint.rotate();

    TokenVerification result = verifier.verify(mintExampleToken());

    assertThat(((TokenVerification.Refused) result).rejection()).isEqualTo(Rejection.UNKNOWN_KEY);
  }
}
