package dev.tokenmint.adapter.crypto;

import static dev.tokenmint.adapter.crypto.TestRing.EDDSA;
import static dev.tokenmint.adapter.crypto.TestRing.ES256;
import static dev.tokenmint.adapter.crypto.TestRing.ES256_OTHER;
import static dev.tokenmint.adapter.crypto.TestRing.FOREIGN;
import static dev.tokenmint.adapter.crypto.TestRing.HS256;
import static dev.tokenmint.adapter.crypto.TestRing.ISSUER;
import static dev.tokenmint.adapter.crypto.TestRing.NOW;
import static dev.tokenmint.adapter.crypto.TestRing.PS256;
import static dev.tokenmint.adapter.crypto.TestRing.RS256;
import static dev.tokenmint.adapter.crypto.TestRing.forge;
import static dev.tokenmint.adapter.crypto.TestRing.mint;
import static dev.tokenmint.adapter.crypto.TestRing.veltClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.Rejection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwksTokenVerifierTest {

  private static final String JWKS =
      JwksDocument.json(
          List.of(ES256.publicJwk(), EDDSA.publicJwk(), RS256.publicJwk(), PS256.publicJwk()));

  private static JwksTokenVerifier at(Instant now) {
    return JwksTokenVerifier.fromJson(JWKS)
        .issuer(ISSUER)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .build();
  }

  private static TokenVerification.Verified verified(TokenVerification result) {
    assertThat(result).isInstanceOf(TokenVerification.Verified.class);
    return (TokenVerification.Verified) result;
  }

  private static Rejection rejection(TokenVerification result) {
    assertThat(result).isInstanceOf(TokenVerification.Refused.class);
    return ((TokenVerification.Refused) result).rejection();
  }

  @Test
  void a_velt_token_verifies_with_its_user_grants_and_claims() {
    TokenClaims claims = veltClaims();

    TokenVerification.Verified token = verified(at(NOW).verify(mint(ES256, claims)));

    assertThat(token.userId()).isEqualTo("user123");
    assertThat(token.claims()).isEqualTo(claims);
    assertThat(token.kid()).isEqualTo(ES256.kid());
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(48 * 3600));
    assertThat(token.grants().asList())
        .extracting(grant -> grant.resource().id() + ":" + grant.role().wireName())
        .containsExactly("report_*:viewer", "org_123:viewer", "doc_456:editor");
    assertThat(token.attributes().asMap())
        .containsExactly(
            Map.entry("level", 3L),
            Map.entry("ratio", 0.25),
            Map.entry("region", "EU"),
            Map.entry("teams", List.of("red", "blue")));
  }

  @Test
  void every_asymmetric_algorithm_verifies_from_the_jwks() {
    for (SigningKey key : List.of(ES256, EDDSA, RS256, PS256)) {
      assertThat(verified(at(NOW).verify(mint(key, veltClaims()))).kid()).isEqualTo(key.kid());
    }
  }

  @Test
  void access_follows_the_most_specific_unexpired_grant() {
    JwksTokenVerifier verifier = at(NOW);
    TokenVerification.Verified token = verified(verifier.verify(mint(ES256, veltClaims())));
    AccessTarget document = AccessTarget.of(new Document("doc_456", "org_123"));
    AccessTarget otherDocument = AccessTarget.of(new Document("doc_999", "org_123"));
    AccessTarget otherOrganization = AccessTarget.of(new Organization("org_999"));

    assertThat(verifier.checkAccess(token, document, AccessRole.EDITOR))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(verifier.checkAccess(token, otherDocument, AccessRole.VIEWER))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(verifier.checkAccess(token, otherDocument, AccessRole.EDITOR))
        .isInstanceOf(AccessDecision.Denied.class);
    assertThat(verifier.checkAccess(token, otherOrganization, AccessRole.VIEWER))
        .isInstanceOf(AccessDecision.Denied.class);

    // The document grant expires an hour after NOW; later the organization grant decides.
    JwksTokenVerifier later = at(NOW.plusSeconds(3601));
    TokenVerification.Verified stillValid = verified(later.verify(mint(ES256, veltClaims())));
    AccessDecision fallback = later.effectiveAccess(stillValid, document);
    assertThat(fallback).isInstanceOf(AccessDecision.Allowed.class);
    assertThat(((AccessDecision.Allowed) fallback).role()).isEqualTo(AccessRole.VIEWER);
  }

  @Test
  void a_prefix_grant_decides_for_the_documents_it_covers_and_says_so() {
    JwksTokenVerifier verifier = at(NOW);
    TokenVerification.Verified token = verified(verifier.verify(mint(ES256, veltClaims())));
    Grant reports = Grant.of(new Document("report_*", "org_123"), AccessRole.VIEWER);

    assertThat(
            verifier.effectiveAccess(token, AccessTarget.of(new Document("report_q1", "org_123"))))
        .isEqualTo(new AccessDecision.Allowed(reports));
    assertThat(
            verifier.checkAccess(
                token, AccessTarget.of(new Document("report_q1", "org_123")), AccessRole.EDITOR))
        .isEqualTo(
            new AccessDecision.Denied(
                "editor access needed, but the viewer grant on document 'report_*' decides"));
    assertThat(
            verifier.effectiveAccess(token, AccessTarget.of(new Document("report_q1", "org_999"))))
        .isInstanceOf(AccessDecision.Denied.class);
  }

  @Test
  void expiry_and_not_before_allow_the_clock_skew_and_no_more() {
    String token = mint(ES256, veltClaims());
    Instant exp = NOW.plusSeconds(48 * 3600);

    assertThat(at(exp.plusSeconds(59)).verify(token))
        .isInstanceOf(TokenVerification.Verified.class);
    assertThat(rejection(at(exp.plusSeconds(60)).verify(token))).isEqualTo(Rejection.EXPIRED);
    assertThat(at(NOW.minusSeconds(60)).verify(token))
        .isInstanceOf(TokenVerification.Verified.class);
    assertThat(rejection(at(NOW.minusSeconds(61)).verify(token)))
        .isEqualTo(Rejection.NOT_YET_VALID);
  }

  @Test
  void a_future_nbf_is_not_yet_valid_beyond_the_skew_and_accepted_within_it() {
    Map<String, Object> claims = new LinkedHashMap<>(veltClaims().asMap());
    long nbf = NOW.plusSeconds(600).getEpochSecond();
    claims.put("nbf", nbf);
    String token = mint(ES256, new TokenClaims(claims));

    assertThat(at(NOW).verify(token))
        .isEqualTo(
            new TokenVerification.Refused(
                Rejection.NOT_YET_VALID, "nbf " + nbf + " is in the future"));
    assertThat(rejection(at(NOW.plusSeconds(539)).verify(token)))
        .isEqualTo(Rejection.NOT_YET_VALID);
    assertThat(at(NOW.plusSeconds(540)).verify(token))
        .isInstanceOf(TokenVerification.Verified.class);
  }

  @Test
  void clock_skew_is_configurable() {
    String token = mint(ES256, veltClaims());
    JwksTokenVerifier strict =
        JwksTokenVerifier.fromJson(JWKS)
            .issuer(ISSUER)
            .clockSkew(Duration.ZERO)
            .clock(Clock.fixed(NOW.plusSeconds(48 * 3600), ZoneOffset.UTC))
            .build();

    assertThat(rejection(strict.verify(token))).isEqualTo(Rejection.EXPIRED);
  }

  @Test
  void a_token_without_exp_is_expired() {
    Map<String, Object> claims = new LinkedHashMap<>(veltClaims().asMap());
    claims.remove("exp");

    assertThat(rejection(at(NOW).verify(mint(ES256, new TokenClaims(claims)))))
        .isEqualTo(Rejection.EXPIRED);
  }

  @Test
  void another_issuer_is_refused_even_with_a_trusted_key() {
    Map<String, Object> claims = new LinkedHashMap<>(veltClaims().asMap());
    claims.put("iss", ISSUER + "/workspaces/another_workspace");

    assertThat(rejection(at(NOW).verify(mint(ES256, new TokenClaims(claims)))))
        .isEqualTo(Rejection.WRONG_ISSUER);
  }

  @Test
  void a_token_naming_an_audience_is_refused_unless_it_names_the_configured_one() {
    Map<String, Object> claims = new LinkedHashMap<>(veltClaims().asMap());
    claims.put("aud", List.of("https://docs.example.com", "https://api.example.com"));
    String addressed = mint(ES256, new TokenClaims(claims));
    JwksTokenVerifier forApi =
        JwksTokenVerifier.fromJson(JWKS)
            .issuer(ISSUER)
            .audience("https://api.example.com")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    JwksTokenVerifier forBilling =
        JwksTokenVerifier.fromJson(JWKS)
            .issuer(ISSUER)
            .audience("https://billing.example.com")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    assertThat(rejection(at(NOW).verify(addressed))).isEqualTo(Rejection.WRONG_AUDIENCE);
    assertThat(forApi.verify(addressed)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(rejection(forBilling.verify(addressed))).isEqualTo(Rejection.WRONG_AUDIENCE);
    assertThat(rejection(forApi.verify(mint(ES256, veltClaims()))))
        .as("a token without aud, where an audience is expected")
        .isEqualTo(Rejection.WRONG_AUDIENCE);
    assertThat(at(NOW).verify(mint(ES256, veltClaims())))
        .as("tokenmint's own tokens: no aud, none expected")
        .isInstanceOf(TokenVerification.Verified.class);
  }

  @Test
  void keys_outside_the_jwks_are_unknown() {
    assertThat(rejection(at(NOW).verify(mint(FOREIGN, veltClaims()))))
        .isEqualTo(Rejection.UNKNOWN_KEY);
    assertThat(rejection(at(NOW).verify(mint(ES256_OTHER, veltClaims()))))
        .isEqualTo(Rejection.UNKNOWN_KEY);
  }

  @Test
  void hs256_never_verifies_from_a_jwks() {
    assertThat(rejection(at(NOW).verify(mint(HS256, veltClaims()))))
        .isEqualTo(Rejection.ALGORITHM_NOT_ALLOWED);
    assertThatThrownBy(
            () ->
                JwksTokenVerifier.fromJson(JWKS).allowedAlgorithms(Set.of(SigningAlgorithm.HS256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HS256");
  }

  @Test
  void the_allowed_algorithms_narrow_what_the_jwks_offers() {
    JwksTokenVerifier onlyEdDsa =
        JwksTokenVerifier.fromJson(JWKS)
            .issuer(ISSUER)
            .allowedAlgorithms(Set.of(SigningAlgorithm.EDDSA))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    assertThat(onlyEdDsa.verify(mint(EDDSA, veltClaims())))
        .isInstanceOf(TokenVerification.Verified.class);
    assertThat(rejection(onlyEdDsa.verify(mint(ES256, veltClaims()))))
        .isEqualTo(Rejection.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void tokens_over_the_size_limit_are_refused_unparsed() {
    JwksTokenVerifier small =
        JwksTokenVerifier.fromJson(JWKS)
            .issuer(ISSUER)
            .maxTokenBytes(100)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    assertThat(rejection(small.verify("A".repeat(101)))).isEqualTo(Rejection.TOO_LARGE);
    assertThat(rejection(at(NOW).verify("A".repeat(200 * 1024)))).isEqualTo(Rejection.TOO_LARGE);
  }

  // ------------------------------------------------------------------ revocation

  /** A verifier at NOW that knows the ids in {@code revoked} were revoked, and asks no more. */
  private static JwksTokenVerifier revoking(Set<String> revoked, List<String> asked) {
    return JwksTokenVerifier.fromJson(JWKS)
        .issuer(ISSUER)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .revocations(
            jti -> {
              asked.add(jti);
              return revoked.contains(jti);
            })
        .build();
  }

  /** The claims of a token exchanged from one with {@code parent}'s, as tokenmint exchanges. */
  private static TokenClaims exchangedFrom(TokenClaims parent, String jti) {
    return VeltProfile.standard()
        .exchanged(
            parent,
            GrantSet.of(List.of(Grant.of(new Organization("org_123"), AccessRole.VIEWER))),
            NOW,
            NOW.plusSeconds(3600),
            jti);
  }

  @Test
  void a_revoked_token_and_every_token_exchanged_from_it_are_refused_as_revoked() {
    TokenClaims parent = veltClaims(); // jti-1
    TokenClaims child = exchangedFrom(parent, "jti-child");
    TokenClaims grandchild = exchangedFrom(child, "jti-grandchild");
    JwksTokenVerifier verifier = revoking(Set.of("jti-1"), new ArrayList<>());

    for (TokenClaims claims : List.of(parent, child, grandchild)) {
      TokenVerification result = verifier.verify(mint(ES256, claims));

      assertThat(rejection(result)).as("%s", claims.get("jti")).isEqualTo(Rejection.REVOKED);
    }
    assertThat(((TokenVerification.Refused) verifier.verify(mint(ES256, grandchild))).detail())
        .isEqualTo("token jti-grandchild was exchanged from jti-1, which was revoked");
  }

  @Test
  void revoking_a_child_leaves_its_parent_and_its_siblings_valid() {
    TokenClaims parent = veltClaims();
    TokenClaims child = exchangedFrom(parent, "jti-child");
    TokenClaims sibling = exchangedFrom(parent, "jti-sibling");
    TokenClaims grandchild = exchangedFrom(child, "jti-grandchild");
    JwksTokenVerifier verifier = revoking(Set.of("jti-child"), new ArrayList<>());

    assertThat(verified(verifier.verify(mint(ES256, parent))).userId()).isEqualTo("user123");
    assertThat(verified(verifier.verify(mint(ES256, sibling))).userId()).isEqualTo("user123");
    assertThat(rejection(verifier.verify(mint(ES256, child)))).isEqualTo(Rejection.REVOKED);
    assertThat(rejection(verifier.verify(mint(ES256, grandchild)))).isEqualTo(Rejection.REVOKED);
  }

  @Test
  void without_a_revocation_source_nothing_is_refused_as_revoked() {
    TokenClaims parent = veltClaims();
    TokenClaims grandchild = exchangedFrom(exchangedFrom(parent, "jti-child"), "jti-grandchild");

    for (TokenClaims claims : List.of(parent, grandchild)) {
      assertThat(verified(at(NOW).verify(mint(ES256, claims))).userId()).isEqualTo("user123");
    }
  }

  @Test
  void the_revocation_source_is_asked_for_the_token_and_its_ancestors_only_once_all_else_holds() {
    TokenClaims grandchild =
        exchangedFrom(exchangedFrom(veltClaims(), "jti-child"), "jti-grandchild");
    List<String> asked = new ArrayList<>();
    JwksTokenVerifier verifier = revoking(Set.of(), asked);

    verified(verifier.verify(mint(ES256, grandchild)));
    assertThat(asked).containsExactly("jti-grandchild", "jti-child", "jti-1");

    asked.clear();
    String token = mint(ES256, grandchild);
    assertThat(rejection(verifier.verify(token.substring(0, token.length() - 10))))
        .isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(asked).as("a forged token costs the source nothing").isEmpty();
  }

  @Test
  void what_the_revocation_source_throws_passes_through_verify() {
    JwksTokenVerifier failing =
        JwksTokenVerifier.fromJson(JWKS)
            .issuer(ISSUER)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .revocations(
                jti -> {
                  throw new IllegalStateException("the revocation store is down");
                })
            .build();

    assertThatThrownBy(() -> failing.verify(mint(ES256, veltClaims())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the revocation store is down");
  }

  @Test
  void a_signed_token_that_is_not_a_velt_token_is_malformed() {
    String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + ES256.kid() + "\"}";
    String times = "\"iss\":\"" + ISSUER + "\",\"exp\":" + (NOW.getEpochSecond() + 60);

    assertThat(rejection(at(NOW).verify(forge(header, "{" + times + "}", ES256))))
        .isEqualTo(Rejection.MALFORMED);
    assertThat(
            rejection(
                at(NOW)
                    .verify(
                        forge(
                            header,
                            "{"
                                + times
                                + ",\"sub\":\"u\",\"permissions\":{\"resources\":[{\"type\":\"planet\",\"id\":\"x\"}]}}",
                            ES256))))
        .isEqualTo(Rejection.MALFORMED);
  }

  @Test
  void forged_tokens_are_refused_as_by_the_ring_verifier() {
    String token = mint(ES256, veltClaims());
    String[] parts = token.split("\\.");

    assertThat(rejection(at(NOW).verify(parts[0] + "." + parts[1] + ".")))
        .isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(rejection(at(NOW).verify(null))).isEqualTo(Rejection.MALFORMED);
    assertThat(
            rejection(
                at(NOW)
                    .verify(
                        TestRing.b64("{\"alg\":\"none\",\"kid\":\"" + ES256.kid() + "\"}")
                            + "."
                            + parts[1]
                            + ".")))
        .isEqualTo(Rejection.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void odd_keys_in_a_jwks_are_skipped_not_fatal() {
    String es = ES256.publicJwk();
    String jwks =
        "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"secret\",\"alg\":\"HS256\",\"k\":\"AAAA\"},"
            + "{\"kty\":\"EC\",\"kid\":\"broken\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"},"
            + "{\"kty\":\"UNKNOWN\",\"kid\":\"strange\"},42,"
            + es.replace("\"alg\":\"ES256\"", "\"alg\":\"RS256\"").replace(ES256.kid(), "wrong-alg")
            + ","
            + es.replace("\"use\":\"sig\"", "\"use\":\"enc\"")
                .replace(ES256.kid(), "for-encryption")
            + ","
            + es.replace(",\"alg\":\"ES256\"", "")
                .replace("\"alg\":\"ES256\",", "")
                .replace(ES256.kid(), "no-alg")
            + ","
            + es
            + "]}";

    List<SigningKey> keys = JwksKeys.parse(jwks, NOW);

    assertThat(keys).extracting(SigningKey::kid).containsExactly(ES256.kid());
  }

  @Test
  void a_document_that_is_not_a_jwks_is_refused_at_build() {
    assertThatThrownBy(
            () ->
                JwksTokenVerifier.fromJson("{\"no\":\"keys\"}")
                    .issuer(ISSUER)
                    .clock(Clock.systemUTC())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JWKS");
    assertThatThrownBy(
            () -> JwksTokenVerifier.fromJson("[]").issuer(ISSUER).clock(Clock.systemUTC()).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void issuer_and_clock_are_required() {
    assertThatThrownBy(() -> JwksTokenVerifier.fromJson(JWKS).clock(Clock.systemUTC()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer");
    assertThatThrownBy(() -> JwksTokenVerifier.fromJson(JWKS).issuer(ISSUER).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clock");
  }

  @Test
  void only_http_and_https_urls_are_accepted() {
    assertThatThrownBy(() -> JwksTokenVerifier.fromUrl(URI.create("file:///etc/jwks.json")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void from_a_url_the_max_age_must_be_longer_than_the_refetch_interval() {
    URI url = URI.create("https://tokens.example.com/.well-known/jwks.json");

    assertThatThrownBy(
            () ->
                JwksTokenVerifier.fromUrl(url)
                    .issuer(ISSUER)
                    .clock(Clock.systemUTC())
                    .maxAge(Duration.ofSeconds(30))
                    .refetchInterval(Duration.ofSeconds(30))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("max age")
        .hasMessageContaining("refetch interval");
  }

  @Test
  void the_published_document_holds_public_keys_only() {
    assertThat(JWKS)
        .contains(ES256.kid(), EDDSA.kid(), RS256.kid(), PS256.kid())
        .doesNotContain("\"d\"");
    assertThatThrownBy(() -> JwksDocument.json(List.of(TestRing.privateJwk(ES256).toJSONString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private");
  }
}
