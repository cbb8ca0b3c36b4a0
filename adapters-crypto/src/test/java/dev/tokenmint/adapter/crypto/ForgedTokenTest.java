package dev.tokenmint.adapter.crypto;

import static dev.tokenmint.adapter.crypto.TestRing.ALL;
import static dev.tokenmint.adapter.crypto.TestRing.EDDSA;
import static dev.tokenmint.adapter.crypto.TestRing.ES256;
import static dev.tokenmint.adapter.crypto.TestRing.ES256_OTHER;
import static dev.tokenmint.adapter.crypto.TestRing.FOREIGN;
import static dev.tokenmint.adapter.crypto.TestRing.KEYS;
import static dev.tokenmint.adapter.crypto.TestRing.PS256;
import static dev.tokenmint.adapter.crypto.TestRing.RETIRED;
import static dev.tokenmint.adapter.crypto.TestRing.RS256;
import static dev.tokenmint.adapter.crypto.TestRing.b64;
import static dev.tokenmint.adapter.crypto.TestRing.decode;
import static dev.tokenmint.adapter.crypto.TestRing.forge;
import static dev.tokenmint.adapter.crypto.TestRing.mint;
import static dev.tokenmint.adapter.crypto.TestRing.privateJwk;
import static dev.tokenmint.adapter.crypto.TestRing.signer;
import static dev.tokenmint.adapter.crypto.TestRing.validToken;
import static dev.tokenmint.adapter.crypto.TestRing.veltClaims;
import static dev.tokenmint.domain.verification.Rejection.ALGORITHM_NOT_ALLOWED;
import static dev.tokenmint.domain.verification.Rejection.BAD_SIGNATURE;
import static dev.tokenmint.domain.verification.Rejection.EXPIRED;
import static dev.tokenmint.domain.verification.Rejection.FORBIDDEN_HEADER;
import static dev.tokenmint.domain.verification.Rejection.MALFORMED;
import static dev.tokenmint.domain.verification.Rejection.NOT_YET_VALID;
import static dev.tokenmint.domain.verification.Rejection.UNKNOWN_KEY;
import static dev.tokenmint.domain.verification.Rejection.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forged-token suite (issue [3]): every token here is refused for exactly one reason. Forgeries
 * that only a header rule can stop carry a signature that verifies under a ring key, so a verifier
 * that forgot the rule would accept them.
 */
class ForgedTokenTest {

  private static final String VALID = validToken();
  private static final String[] PARTS = VALID.split("\\.");
  private static final String CLAIMS = decode(PARTS[1]);
  private static final Set<SigningAlgorithm> ASYMMETRIC =
      Set.of(
          SigningAlgorithm.ES256,
          SigningAlgorithm.EDDSA,
          SigningAlgorithm.RS256,
          SigningAlgorithm.PS256);

  private final NimbusTokenVerifier verifier = new NimbusTokenVerifier(TestRing.MASTER_KEY);

  @Test
  void the_untouched_token_and_the_forger_s_own_tokens_verify() {
    // Without this the suite could pass against a verifier that refuses everything.
    String headerEs = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + ES256.kid() + "\"}";

    assertThat(verifier.check(VALID, KEYS, ALL)).isInstanceOf(SignatureCheck.Valid.class);
    assertThat(verifier.check(forge(headerEs, CLAIMS, ES256), KEYS, ALL))
        .isInstanceOf(SignatureCheck.Valid.class);
    assertThat(verifier.check(mint(RS256, veltClaims()), KEYS, ASYMMETRIC))
        .isInstanceOf(SignatureCheck.Valid.class);
    assertThat(verifier.check(mint(PS256, veltClaims()), KEYS, ASYMMETRIC))
        .isInstanceOf(SignatureCheck.Valid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"JWT", "jwt", "Jwt", "application/jwt", "APPLICATION/JWT"})
  void typ_is_the_media_type_jwt_in_any_case_with_or_without_its_prefix(String typ) {
    String header = "{\"alg\":\"ES256\",\"typ\":\"" + typ + "\",\"kid\":\"" + ES256.kid() + "\"}";

    assertThat(verifier.check(forge(header, CLAIMS, ES256), KEYS, ALL))
        .isInstanceOf(SignatureCheck.Valid.class);
  }

  /**
   * ECDSA signatures are malleable: (r, n − s) verifies wherever (r, s) does. tokenmint's own
   * signers (the JDK's and ACCP's) produce a high s about half the time, so refusing it would
   * refuse tokenmint's own tokens; and nothing keys on a token's bytes (revocation goes by jti), so
   * the twin is the same token. Both verify, with the same claims.
   */
  @Test
  void a_high_s_ecdsa_signature_verifies_like_its_low_s_twin() {
    String twin = TestRing.withOtherS(VALID);

    assertThat(twin).isNotEqualTo(VALID);
    assertThat(verifier.check(twin, KEYS, ALL))
        .isInstanceOfSatisfying(
            SignatureCheck.Valid.class,
            valid -> assertThat(valid.claims()).isEqualTo(veltClaims()));
    assertThat(verifier.check(VALID, KEYS, ALL)).isInstanceOf(SignatureCheck.Valid.class);
  }

  @ParameterizedTest
  @MethodSource("forgeries")
  void forged_token_is_refused_for_exactly_its_reason(
      String token, Rejection expected, Set<SigningAlgorithm> allowed) {
    SignatureCheck check = verifier.check(token, KEYS, allowed);

    assertThat(check).isInstanceOf(Refused.class);
    Refused invalid = (Refused) check;
    assertThat(invalid.rejection()).as(invalid.detail()).isEqualTo(expected);
    assertThat(invalid.detail()).isNotBlank().hasSizeLessThan(200);
  }

  static Stream<Arguments> forgeries() {
    String es = ES256.kid();
    String headerEs = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + es + "\"}";
    String validSignature = PARTS[2];
    ECKey attacker = attackerKey();
    return Stream.of(
        // alg none and friends
        row(
            "alg none, no signature",
            ALGORITHM_NOT_ALLOWED,
            b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + es + "\"}")
                + "."
                + PARTS[1]
                + "."),
        row(
            "alg None",
            ALGORITHM_NOT_ALLOWED,
            b64("{\"alg\":\"None\",\"kid\":\"" + es + "\"}") + "." + PARTS[1] + "."),
        row(
            "alg NONE",
            ALGORITHM_NOT_ALLOWED,
            b64("{\"alg\":\"NONE\",\"kid\":\"" + es + "\"}") + "." + PARTS[1] + "."),
        row(
            "alg nOnE with the real signature kept",
            ALGORITHM_NOT_ALLOWED,
            b64("{\"alg\":\"nOnE\",\"typ\":\"JWT\",\"kid\":\"" + es + "\"}")
                + "."
                + PARTS[1]
                + "."
                + validSignature),
        row(
            "alg missing",
            ALGORITHM_NOT_ALLOWED,
            b64("{\"typ\":\"JWT\",\"kid\":\"" + es + "\"}")
                + "."
                + PARTS[1]
                + "."
                + validSignature),
        row(
            "alg not a string",
            ALGORITHM_NOT_ALLOWED,
            b64("{\"alg\":256,\"kid\":\"" + es + "\"}") + "." + PARTS[1] + "." + validSignature),
        row(
            "alg unknown (HS512)",
            ALGORITHM_NOT_ALLOWED,
            b64("{\"alg\":\"HS512\",\"kid\":\"" + es + "\"}")
                + "."
                + PARTS[1]
                + "."
                + validSignature),
        row(
            "alg in the wrong case (es256)",
            ALGORITHM_NOT_ALLOWED,
            forge("{\"alg\":\"es256\",\"kid\":\"" + es + "\"}", CLAIMS, ES256)),
        row(
            "alg ES256 not allowed by the workspace",
            ALGORITHM_NOT_ALLOWED,
            VALID,
            Set.of(SigningAlgorithm.RS256)),
        // algorithm confusion
        row(
            "HS256 signed with the ES256 key's public JWK as secret",
            ALGORITHM_NOT_ALLOWED,
            hmacForgery(es, ES256.publicJwk().getBytes(StandardCharsets.UTF_8))),
        row(
            "HS256 signed with the RS256 key's X.509 public key bytes",
            ALGORITHM_NOT_ALLOWED,
            hmacForgery(RS256.kid(), x509(RS256))),
        row(
            "HS256 public-key confusion, HS256 not allowed",
            ALGORITHM_NOT_ALLOWED,
            hmacForgery(es, ES256.publicJwk().getBytes(StandardCharsets.UTF_8)),
            ASYMMETRIC),
        row(
            "RS256 token relabelled PS256",
            ALGORITHM_NOT_ALLOWED,
            relabel(mint(RS256, veltClaims()), "RS256", "PS256")),
        row(
            "PS256 token relabelled RS256",
            ALGORITHM_NOT_ALLOWED,
            relabel(mint(PS256, veltClaims()), "PS256", "RS256")),
        row(
            "RS256 key's private part signing PS256 (valid signature)",
            ALGORITHM_NOT_ALLOWED,
            forge(
                "{\"alg\":\"PS256\",\"typ\":\"JWT\",\"kid\":\"" + RS256.kid() + "\"}",
                CLAIMS,
                signer(privateJwk(RS256), SigningAlgorithm.PS256))),
        row(
            "EdDSA kid with an ES256 header",
            ALGORITHM_NOT_ALLOWED,
            forge(
                "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + EDDSA.kid() + "\"}",
                CLAIMS,
                ES256)),
        // signatures
        row("stripped signature", BAD_SIGNATURE, PARTS[0] + "." + PARTS[1] + "."),
        row(
            "truncated signature (one character)",
            BAD_SIGNATURE,
            PARTS[0]
                + "."
                + PARTS[1]
                + "."
                + validSignature.substring(0, validSignature.length() - 1)),
        row(
            "truncated signature (half)",
            BAD_SIGNATURE,
            PARTS[0]
                + "."
                + PARTS[1]
                + "."
                + validSignature.substring(0, validSignature.length() / 2)),
        row(
            "signature of another token by the same key",
            BAD_SIGNATURE,
            PARTS[0] + "." + PARTS[1] + "." + otherTokenSignature()),
        row(
            "edited claims, signature kept",
            BAD_SIGNATURE,
            PARTS[0]
                + "."
                + b64(CLAIMS.replace("\"viewer\"", "\"editor\""))
                + "."
                + validSignature),
        row(
            "edited header: kid of another ES256 ring key",
            BAD_SIGNATURE,
            b64(decode(PARTS[0]).replace(es, ES256_OTHER.kid()))
                + "."
                + PARTS[1]
                + "."
                + validSignature),
        row(
            "another workspace's key signing under a ring kid",
            BAD_SIGNATURE,
            forge(headerEs, CLAIMS, FOREIGN)),
        row(
            "attacker key signing under a ring kid",
            BAD_SIGNATURE,
            forge(headerEs, CLAIMS, signer(attacker, SigningAlgorithm.ES256))),
        // headers that bring their own key or change the rules
        row(
            "embedded jwk header carrying the attacker key",
            FORBIDDEN_HEADER,
            forge(
                "{\"alg\":\"ES256\",\"kid\":\""
                    + es
                    + "\",\"jwk\":"
                    + attacker.toPublicJWK().toJSONString()
                    + "}",
                CLAIMS,
                signer(attacker, SigningAlgorithm.ES256))),
        row(
            "jku header",
            FORBIDDEN_HEADER,
            forge(
                "{\"alg\":\"ES256\",\"kid\":\""
                    + es
                    + "\",\"jku\":\"https://attacker.example/jwks.json\"}",
                CLAIMS,
                ES256)),
        row(
            "x5u header",
            FORBIDDEN_HEADER,
            forge(
                "{\"alg\":\"ES256\",\"kid\":\""
                    + es
                    + "\",\"x5u\":\"https://attacker.example/cert.pem\"}",
                CLAIMS,
                ES256)),
        row(
            "x5c header",
            FORBIDDEN_HEADER,
            forge("{\"alg\":\"ES256\",\"kid\":\"" + es + "\",\"x5c\":[\"MIIB\"]}", CLAIMS, ES256)),
        row(
            "crit header",
            FORBIDDEN_HEADER,
            forge(
                "{\"alg\":\"ES256\",\"kid\":\"" + es + "\",\"crit\":[\"exp\"],\"exp\":1}",
                CLAIMS,
                ES256)),
        row(
            "b64 false header (unencoded payload)",
            FORBIDDEN_HEADER,
            forge("{\"alg\":\"ES256\",\"kid\":\"" + es + "\",\"b64\":false}", CLAIMS, ES256)),
        row(
            "typ JWE",
            WRONG_TYPE,
            forge("{\"alg\":\"ES256\",\"typ\":\"JWE\",\"kid\":\"" + es + "\"}", CLAIMS, ES256)),
        row(
            "typ at+jwt",
            WRONG_TYPE,
            forge("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + es + "\"}", CLAIMS, ES256)),
        row(
            "typ not a string",
            WRONG_TYPE,
            forge("{\"alg\":\"ES256\",\"typ\":1,\"kid\":\"" + es + "\"}", CLAIMS, ES256)),
        // RFC 8725 §3.11: tokenmint types its tokens, so an untyped JWS is some other token
        row(
            "typ missing",
            WRONG_TYPE,
            forge("{\"alg\":\"ES256\",\"kid\":\"" + es + "\"}", CLAIMS, ES256)),
        row(
            "typ empty",
            WRONG_TYPE,
            forge("{\"alg\":\"ES256\",\"typ\":\"\",\"kid\":\"" + es + "\"}", CLAIMS, ES256)),
        row(
            "typ JWT with a parameter",
            WRONG_TYPE,
            forge(
                "{\"alg\":\"ES256\",\"typ\":\"JWT; x=1\",\"kid\":\"" + es + "\"}", CLAIMS, ES256)),
        // RFC 7516 §4.1.3 defines zip for JWE only; RFC 8725 §3.6
        row(
            "zip DEF header",
            FORBIDDEN_HEADER,
            forge(
                "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"zip\":\"DEF\",\"kid\":\"" + es + "\"}",
                CLAIMS,
                ES256)),
        // keys
        row(
            "unknown kid",
            UNKNOWN_KEY,
            forge("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"no-such-key\"}", CLAIMS, ES256)),
        row("no kid", UNKNOWN_KEY, forge("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", CLAIMS, ES256)),
        row(
            "empty kid",
            UNKNOWN_KEY,
            forge("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"\"}", CLAIMS, ES256)),
        row("key of another workspace, its own kid", UNKNOWN_KEY, mint(FOREIGN, veltClaims())),
        row("signed by a RETIRED ring key", UNKNOWN_KEY, mint(RETIRED, veltClaims())),
        // form
        row("empty string", MALFORMED, ""),
        row("null", MALFORMED, null),
        row("garbage", MALFORMED, "this is not a token"),
        row("two parts only", MALFORMED, PARTS[0] + "." + PARTS[1]),
        row("four parts", MALFORMED, VALID + ".AAAA"),
        row("five parts (a JWE shape)", MALFORMED, "a.b.c.d.e"),
        row("whitespace around a valid token", MALFORMED, " " + VALID + "\n"),
        row("padded Base64 signature", MALFORMED, VALID + "=="),
        row("standard Base64 alphabet in the header", MALFORMED, "ab+/" + VALID),
        row("non-JSON header", MALFORMED, b64("hello") + "." + PARTS[1] + "." + validSignature),
        row(
            "header JSON array",
            MALFORMED,
            b64("[\"alg\",\"ES256\"]") + "." + PARTS[1] + "." + validSignature),
        row(
            "header with a repeated alg",
            MALFORMED,
            b64("{\"alg\":\"ES256\",\"alg\":\"none\",\"kid\":\"" + es + "\"}")
                + "."
                + PARTS[1]
                + "."
                + validSignature),
        row("claims a JSON array (validly signed)", MALFORMED, forge(headerEs, "[1,2,3]", ES256)),
        row("claims not JSON (validly signed)", MALFORMED, forge(headerEs, "sub=admin", ES256)),
        row(
            "a number out of range (validly signed)",
            MALFORMED,
            forge(headerEs, "{\"exp\":1e400}", ES256)),
        row("a null claim (validly signed)", MALFORMED, forge(headerEs, "{\"sub\":null}", ES256)),
        row("1 MB of garbage", MALFORMED, "A".repeat(1 << 20)),
        row(
            "1 MB of claims under a real header, no valid signature",
            BAD_SIGNATURE,
            PARTS[0]
                + "."
                + b64("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}")
                + "."
                + validSignature));
  }

  // ---------------------------------------------------------------- forged claims, validly signed

  /**
   * The embeddable verifier (what a resource server runs) on tokens signed by a key of its JWKS
   * whose claims break a rule of the Velt profile: each is refused for its reason. A verifier that
   * read a badly typed claim as absent would accept them, some with more access than was signed.
   */
  @ParameterizedTest
  @MethodSource("forgedClaims")
  void validly_signed_claims_that_break_the_profile_are_refused_for_their_reason(
      String claims, Rejection expected, String detail) {
    TokenVerification result = jwksVerifier().verify(forge(HEADER_ES, claims, ES256));

    assertThat(result)
        .isInstanceOfSatisfying(
            TokenVerification.Refused.class,
            refused -> {
              assertThat(refused.rejection()).as(refused.detail()).isEqualTo(expected);
              assertThat(refused.detail()).contains(detail).hasSizeLessThan(200);
            });
  }

  @Test
  void the_forged_claims_template_itself_verifies() {
    // Without this the rows above could pass against a verifier that refuses everything.
    assertThat(jwksVerifier().verify(forge(HEADER_ES, claimsWith(), ES256)))
        .isInstanceOf(TokenVerification.Verified.class);
    assertThat(
            jwksVerifier()
                .verify(
                    forge(
                        HEADER_ES,
                        claimsWith("permissions", grantExpiringAt("1700000000")),
                        ES256)))
        .isInstanceOf(TokenVerification.Verified.class);
    assertThat(
            jwksVerifier()
                .verify(
                    forge(
                        HEADER_ES,
                        claimsWith(
                            "attributes", "{\"region\":\"EU\",\"ratio\":0.5,\"teams\":[\"a\"]}"),
                        ES256)))
        .isInstanceOfSatisfying(
            TokenVerification.Verified.class,
            verified ->
                assertThat(verified.attributes().asMap())
                    .containsExactly(
                        java.util.Map.entry("ratio", 0.5),
                        java.util.Map.entry("region", "EU"),
                        java.util.Map.entry("teams", java.util.List.of("a"))));
  }

  static Stream<Arguments> forgedClaims() {
    long now = TestRing.NOW.getEpochSecond();
    long lifetime = 48 * 3600;
    String expiresAt = "permissions.resources[0].expiresAt";
    return Stream.of(
        // A grant whose expiry does not read as integer seconds would have been read as "never
        // expires": every one fails the token (fail closed).
        claimsRow(
            "grant expiresAt \"1\"",
            MALFORMED,
            expiresAt + ": must be an integer",
            "permissions",
            grantExpiringAt("\"1\"")),
        claimsRow(
            "grant expiresAt true",
            MALFORMED,
            expiresAt + ": must be an integer",
            "permissions",
            grantExpiringAt("true")),
        claimsRow(
            "grant expiresAt [1]",
            MALFORMED,
            expiresAt + ": must be an integer",
            "permissions",
            grantExpiringAt("[1]")),
        claimsRow(
            "grant expiresAt {}",
            MALFORMED,
            expiresAt + ": must be an integer",
            "permissions",
            grantExpiringAt("{}")),
        claimsRow(
            "grant expiresAt 1.5",
            MALFORMED,
            expiresAt + ": must be an integer",
            "permissions",
            grantExpiringAt("1.5")),
        claimsRow(
            "grant expiresAt -1",
            MALFORMED,
            expiresAt + ": must be Unix seconds",
            "permissions",
            grantExpiringAt("-1")),
        claimsRow(
            "grant expiresAt 0",
            MALFORMED,
            expiresAt + ": must be Unix seconds",
            "permissions",
            grantExpiringAt("0")),
        claimsRow(
            "grant expiresAt in year 10000",
            MALFORMED,
            expiresAt + ": must be Unix seconds",
            "permissions",
            grantExpiringAt("253402300800")),
        claimsRow(
            "grant expiresAt 2^63 - 1",
            MALFORMED,
            expiresAt + ": must be Unix seconds",
            "permissions",
            grantExpiringAt("9223372036854775807")),
        claimsRow(
            "grant expiresAt 2^64",
            MALFORMED,
            "claims are not a JSON object",
            "permissions",
            grantExpiringAt("18446744073709551616")),
        claimsRow(
            "grant expiresAt 1e300",
            MALFORMED,
            "claims are not a JSON object",
            "permissions",
            grantExpiringAt("1e300")),
        claimsRow(
            "grant accessRole 1",
            MALFORMED,
            "accessRole: must be a string",
            "permissions",
            grantWith("\"accessRole\":1")),
        claimsRow(
            "grant not an object",
            MALFORMED,
            "permissions.resources[0]: must be an object",
            "permissions",
            "{\"resources\":[7]}"),
        claimsRow(
            "resources not an array",
            MALFORMED,
            "permissions.resources: must be an array",
            "permissions",
            "{\"resources\":{}}"),
        // Prefix grants: never for organizations, '*' only at the end
        claimsRow(
            "organization wildcard",
            MALFORMED,
            "permissions.resources[0].id: must not contain '*'",
            "permissions",
            "{\"resources\":[{\"type\":\"organization\",\"id\":\"*\"}]}"),
        claimsRow(
            "star inside an id",
            MALFORMED,
            "may hold '*' only as its last",
            "permissions",
            "{\"resources\":[{\"type\":\"document\",\"id\":\"a*b\",\"organizationId\":\"o\"}]}"),
        // Attributes are read as strictly as grants: a resource server filters rows by them
        claimsRow(
            "attributes a string",
            MALFORMED,
            "attributes: must be an object",
            "attributes",
            "\"region=EU\""),
        claimsRow(
            "attributes nested",
            MALFORMED,
            "attributes.rls: must be a string, a number",
            "attributes",
            "{\"rls\":{\"clause\":\"1=1\"}}"),
        claimsRow(
            "attribute named sub",
            MALFORMED,
            "name 'sub' is reserved",
            "attributes",
            "{\"sub\":\"admin\"}"),
        claimsRow(
            "attribute array mixed",
            MALFORMED,
            "attributes.teams[1]: must be a string",
            "attributes",
            "{\"teams\":[\"a\",1]}"),
        claimsRow(
            "attribute 2^53",
            MALFORMED,
            "attributes.n: must be an integer within",
            "attributes",
            "{\"n\":9007199254740992}"),
        // The claims every tokenmint token carries, with their types (RFC 8725 §3.12)
        claimsRow("no jti", MALFORMED, "no jti", "jti", null),
        claimsRow("jti a number", MALFORMED, "no jti", "jti", "42"),
        claimsRow("no sub", MALFORMED, "sub", "sub", null),
        claimsRow("no iat", MALFORMED, "iat must be integer", "iat", null),
        claimsRow("iat a string", MALFORMED, "iat must be integer", "iat", "\"" + now + "\""),
        claimsRow(
            "nbf a string far ahead",
            MALFORMED,
            "nbf must be integer",
            "nbf",
            "\"" + (now + 3600) + "\""),
        claimsRow(
            "exp a string", MALFORMED, "exp must be integer", "exp", "\"" + (now + 60) + "\""),
        claimsRow("exp a fraction", MALFORMED, "exp must be integer", "exp", (now + 60) + ".5"),
        // Lifetime (48 h, plus the 60 s clock skew)
        claimsRow(
            "exp 48 h + 61 s after iat",
            MALFORMED,
            "a token lives at most 172800 s",
            "exp",
            String.valueOf(now + lifetime + 61)),
        claimsRow(
            "exp a year after iat",
            MALFORMED,
            "a token lives at most 172800 s",
            "exp",
            String.valueOf(now + 365 * 86400L)),
        claimsRow(
            "iat 48 h + 61 s ago, exp within the skew",
            EXPIRED,
            "longer ago than a token lives",
            "iat",
            String.valueOf(now - lifetime - 61),
            "exp",
            String.valueOf(now - 1)),
        claimsRow(
            "iat 61 s ahead",
            NOT_YET_VALID,
            "iat " + (now + 61) + " is in the future",
            "iat",
            String.valueOf(now + 61)));
  }

  private static final String HEADER_ES =
      "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + ES256.kid() + "\"}";

  private static JwksTokenVerifier jwksVerifier() {
    return JwksTokenVerifier.fromJson(JwksDocument.json(java.util.List.of(ES256.publicJwk())))
        .issuer(TestRing.ISSUER)
        .clock(java.time.Clock.fixed(TestRing.NOW, java.time.ZoneOffset.UTC))
        .build();
  }

  /** A {@code permissions} claim of one document grant whose expiresAt is the raw JSON given. */
  private static String grantExpiringAt(String rawExpiresAt) {
    return grantWith("\"accessRole\":\"viewer\",\"expiresAt\":" + rawExpiresAt);
  }

  private static String grantWith(String rawFields) {
    return "{\"resources\":[{\"type\":\"document\",\"id\":\"doc_456\",\"organizationId\":\"org_123\","
        + rawFields
        + "}]}";
  }

  private static Arguments claimsRow(
      String name, Rejection expected, String detail, String... claimAndRawValue) {
    return argumentSet(name, claimsWith(claimAndRawValue), expected, detail);
  }

  /**
   * The claims tokenmint mints at {@code NOW}, as JSON text, each claim named in {@code
   * claimAndRawValue} set to the raw JSON after it (removed when null).
   */
  private static String claimsWith(String... claimAndRawValue) {
    long now = TestRing.NOW.getEpochSecond();
    java.util.LinkedHashMap<String, String> claims = new java.util.LinkedHashMap<>();
    claims.put("iss", "\"" + TestRing.ISSUER + "\"");
    claims.put("sub", "\"user123\"");
    claims.put("userId", "\"user123\"");
    claims.put("iat", String.valueOf(now));
    claims.put("exp", String.valueOf(now + 48 * 3600));
    claims.put("jti", "\"jti-1\"");
    claims.put("userProperties", "{\"isAdmin\":false}");
    claims.put("permissions", grantWith("\"accessRole\":\"viewer\""));
    for (int i = 0; i < claimAndRawValue.length; i += 2) {
      if (claimAndRawValue[i + 1] == null) {
        claims.remove(claimAndRawValue[i]);
      } else {
        claims.put(claimAndRawValue[i], claimAndRawValue[i + 1]);
      }
    }
    StringBuilder json = new StringBuilder("{");
    claims.forEach(
        (name, value) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":")
                .append(value));
    return json.append('}').toString();
  }

  private static Arguments row(String name, Rejection expected, String token) {
    return row(name, expected, token, ALL);
  }

  private static Arguments row(
      String name, Rejection expected, String token, Set<SigningAlgorithm> allowed) {
    return argumentSet(name, token, expected, allowed);
  }

  /** An HS256 token naming {@code kid}, MACed with {@code secret} by the JDK (not by Nimbus). */
  private static String hmacForgery(String kid, byte[] secret) {
    String input =
        b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + PARTS[1];
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] x509(SigningKey key) {
    try {
      return JWK.parse(key.publicJwk()).toRSAKey().toPublicKey().getEncoded();
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code token} with its header's alg {@code from} replaced by {@code to}, signature kept. */
  private static String relabel(String token, String from, String to) {
    String[] parts = token.split("\\.");
    String header = decode(parts[0]);
    assertThat(header).contains("\"" + from + "\"");
    return b64(header.replace("\"" + from + "\"", "\"" + to + "\""))
        + "."
        + parts[1]
        + "."
        + parts[2];
  }

  private static String otherTokenSignature() {
    return mint(ES256, new TokenClaims(Map.of("sub", "someone-else"))).split("\\.")[2];
  }

  private static ECKey attackerKey() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
