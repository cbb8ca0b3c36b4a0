package dev.tokenmint.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SharedSecret;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.token.DataforProfile;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecretJwk;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens signed by Nimbus verify with an independent library (jjwt) against the published JWK. */
class NimbusTokenSignerTest {

  private static final String SEED_DATAFOR_TOKEN =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJFUlAiOiJhZG1pbiIsImV4cCI6MTcyMzAxNTkxNn0"
          + ".uEmUwBfNAd5FtzjPPrldU9bierng7fd8rCVlZtVPY2k";

  private final MasterKey masterKey = MasterKey.generate();
  private final NimbusKeyGenerator generator = new NimbusKeyGenerator(masterKey);
  private final NimbusTokenSigner signer = new NimbusTokenSigner(masterKey);

  /**
   * Why the verifier accepts a high s (see ForgedTokenTest): every provider tokenmint signs ES256
   * with leaves s as the math gives it, above n / 2 about half the time. Sixty-four signatures all
   * low would happen by chance once in 2^64.
   */
  @ParameterizedTest
  @EnumSource(CryptoProviders.Source.class)
  void es256_signers_produce_high_s_signatures_which_verify(CryptoProviders.Source source) {
    assumeTrue(CryptoProviders.isAvailable(source), source + " is not available here");
    CryptoProviders providers = CryptoProviders.only(source);
    NimbusTokenSigner onSource = new NimbusTokenSigner(masterKey, providers);
    NimbusTokenVerifier verifier = new NimbusTokenVerifier(masterKey, providers);
    SigningKey key = generator.generate(SigningAlgorithm.ES256, Instant.now());
    TokenClaims claims = new TokenClaims(Map.of("sub", "u1"));

    List<String> tokens = new java.util.ArrayList<>();
    for (int i = 0; i < 64; i++) {
      tokens.add(
          onSource.sign(VeltProfile.standard().header(key.algorithm(), key.kid()), claims, key));
    }

    assertThat(tokens).anyMatch(TestRing::hasHighS);
    assertThat(tokens)
        .allSatisfy(
            token ->
                assertThat(
                        verifier.check(
                            token, List.of(key), java.util.Set.of(SigningAlgorithm.ES256)))
                    .isInstanceOf(dev.tokenmint.domain.verification.SignatureCheck.Valid.class));
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void velt_tokens_of_every_algorithm_verify_with_jjwt(SigningAlgorithm algorithm) {
    SigningKey key = generator.generate(algorithm, Instant.now());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    VeltProfile profile = VeltProfile.standard();
    GrantSet grants =
        GrantSet.of(
            List.of(
                Grant.of(new Organization("org_123"), AccessRole.VIEWER),
                Grant.of(new Document("doc_456", "org_123"), AccessRole.EDITOR)));
    User user = new User("user123", UserProfile.builder().name("John Doe").build());
    TokenClaims claims =
        profile.claims(
            "https://issuer.test",
            user,
            Attributes.empty(),
            grants,
            now,
            profile.lifetime().expiresAt(now, Optional.empty()),
            "jti-1");

    String token = signer.sign(profile.header(algorithm, key.kid()), claims, key);

    Key verificationKey = verificationKey(key, masterKey);
    Jws<Claims> parsed =
        Jwts.parser().keyLocator(header -> verificationKey).build().parseSignedClaims(token);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(algorithm.joseName());
    assertThat(parsed.getHeader().getKeyId()).isEqualTo(key.kid());
    assertThat(parsed.getHeader().getType()).isEqualTo("JWT");
    assertThat(parsed.getPayload().getSubject()).isEqualTo("user123");
    assertThat(parsed.getPayload().get("userId")).isEqualTo("user123");
    assertThat(parsed.getPayload().getExpiration().toInstant())
        .isEqualTo(now.plusSeconds(48 * 3600));
  }

  @ParameterizedTest
  @EnumSource(
      value = SigningAlgorithm.class,
      names = {"ES256", "EDDSA", "RS256", "PS256"})
  void kid_is_the_rfc_7638_thumbprint_and_the_public_jwk_has_no_private_part(
      SigningAlgorithm algorithm) {
    SigningKey key = generator.generate(algorithm, Instant.now());

    Jwk<?> published = Jwks.parser().build().parse(key.publicJwk());

    assertThat(published).isInstanceOf(PublicJwk.class);
    assertThat(published.thumbprint().toString()).isEqualTo(key.kid());
    assertThat(published.getId()).isEqualTo(key.kid());
    assertThat(published.getAlgorithm()).isEqualTo(algorithm.joseName());
    assertThat(published.get("use")).isEqualTo("sig");
    assertThat(key.publicJwk()).doesNotContain("\"d\"").doesNotContain("\"p\"");
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void private_keys_leave_the_generator_only_sealed_with_aes_256_gcm(SigningAlgorithm algorithm) {
    SigningKey key = generator.generate(algorithm, Instant.now());

    String[] parts = key.privateJwk().split("\\.");
    assertThat(parts).hasSize(5);
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    assertThat(header)
        .contains("\"alg\":\"dir\"")
        .contains("\"enc\":\"A256GCM\"")
        .contains(key.kid());
    assertThat(key.privateJwk()).doesNotContain("\"d\"").doesNotContain("\"k\"");
  }

  @Test
  void another_master_key_cannot_open_the_keys_and_says_so() {
    SigningKey key = generator.generate(SigningAlgorithm.ES256, Instant.now());
    NimbusTokenSigner stranger = new NimbusTokenSigner(MasterKey.generate());

    assertThatThrownBy(() -> stranger.prepare(key))
        .isInstanceOf(SealedKeyException.class)
        .hasMessageContaining(key.kid())
        .hasMessageContaining("master key");
  }

  @Test
  void a_sealed_key_moved_under_another_kid_is_refused() {
    SigningKey key = generator.generate(SigningAlgorithm.ES256, Instant.now());
    SigningKey other = generator.generate(SigningAlgorithm.ES256, Instant.now());
    SigningKey swapped =
        new SigningKey(
            other.kid(),
            other.algorithm(),
            other.status(),
            other.createdAt(),
            other.publicJwk(),
            key.privateJwk());

    assertThatThrownBy(() -> signer.prepare(swapped)).isInstanceOf(SealedKeyException.class);
  }

  @Test
  void master_keys_are_32_bytes_of_base64_and_never_shown() {
    MasterKey key = MasterKey.generate();

    assertThat(MasterKey.fromBase64(key.toBase64())).isEqualTo(key);
    assertThat(key.toString()).doesNotContain(key.toBase64());
    assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> MasterKey.fromBase64("not base64 at all!"))
        .hasMessageContaining("not Base64");
  }

  @Test
  void hs256_ring_keys_are_never_published() {
    SigningKey key = generator.generate(SigningAlgorithm.HS256, Instant.now());

    assertThat(key.publicJwk()).isEmpty();
    assertThat(key.isPublished()).isFalse();
    assertThat(key.toString()).doesNotContain(key.privateJwk());
  }

  @Test
  void datafor_seed_example_reproduces_byte_for_byte_with_the_legacy_key_abcd() {
    DataforProfile profile = DataforProfile.standard();
    Instant expiresAt = Instant.ofEpochSecond(1_723_015_916L);
    TokenClaims claims = profile.claims("ERP", "admin", expiresAt);

    String token =
        signer.sign(profile.header(), claims, SharedSecret.of("privateKey", "abcd", true));

    assertThat(token).isEqualTo(SEED_DATAFOR_TOKEN);
  }

  @Test
  void datafor_tokens_with_a_256_bit_key_verify_with_jjwt_and_carry_only_name_and_exp() {
    String key = "0123456789abcdef0123456789abcdef";
    DataforProfile profile = DataforProfile.standard();
    Instant expiresAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(86_400);

    String token =
        signer.sign(
            profile.header(),
            profile.claims("ERP", "admin", expiresAt),
            SharedSecret.of("privateKey", key, false));

    Claims claims =
        Jwts.parser()
            .verifyWith(Keys.hmacShaKeyFor(key.getBytes(StandardCharsets.UTF_8)))
            .build()
            .parseSignedClaims(token)
            .getPayload();
    assertThat(claims).containsOnlyKeys("ERP", "exp");
    assertThat(claims.get("ERP")).isEqualTo("admin");
    String header =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
  }

  @Test
  void a_header_whose_alg_differs_from_the_key_is_refused() {
    SigningKey key = generator.generate(SigningAlgorithm.ES256, Instant.now());
    VeltProfile profile = VeltProfile.standard();
    TokenClaims claims = new TokenClaims(Map.of("sub", "x"));

    assertThatThrownBy(
            () -> signer.sign(profile.header(SigningAlgorithm.RS256, key.kid()), claims, key))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Key verificationKey(SigningKey key, MasterKey masterKey) {
    if (key.algorithm().isSymmetric()) {
      String secretJwk = new KeySeal(masterKey).open(key.kid(), key.privateJwk()).toJSONString();
      return ((SecretJwk) Jwks.parser().build().parse(secretJwk)).toKey();
    }
    PublicJwk<?> jwk = (PublicJwk<?>) Jwks.parser().build().parse(key.publicJwk());
    PublicKey publicKey = jwk.toKey();
    return publicKey;
  }
}
