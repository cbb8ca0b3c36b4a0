package dev.tokenmint.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tokenmint.adapter.crypto.CryptoProviders.Source;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.SignatureCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provider choice, and interoperability: a token signed on any provider verifies on every
 * other, for every algorithm, and a tampered one fails on every other.
 */
class CryptoProvidersTest {

  private static final MasterKey MASTER_KEY = MasterKey.generate();

  /** ACCP ships native code for Linux on x86-64 (the bootstrap jar's classifier). */
  private static boolean accpPlatform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  @Test
  void on_linux_x86_64_the_fastest_choice_is_accp_for_every_signature_and_the_jdk_for_hmac() {
    assumeTrue(accpPlatform(), "ACCP's native library is built for Linux x86-64 here");

    CryptoProviders fastest = CryptoProviders.fastest(true);

    assertThat(CryptoProviders.isAvailable(Source.ACCP)).isTrue();
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      assertThat(fastest.provider(algorithm).getName())
          .as(algorithm.joseName())
          .isEqualTo(algorithm.isSymmetric() ? "SunJCE" : "AmazonCorrettoCryptoProvider");
    }
  }

  @Test
  void without_native_code_eddsa_goes_to_bouncy_castle_and_the_rest_to_the_jdk() {
    CryptoProviders portable = CryptoProviders.fastest(false);

    assertThat(portable.provider(SigningAlgorithm.EDDSA).getName()).isEqualTo("BC");
    assertThat(portable.provider(SigningAlgorithm.ES256).getName()).isEqualTo("SunEC");
    assertThat(portable.provider(SigningAlgorithm.RS256).getName()).isEqualTo("SunRsaSign");
    assertThat(portable.provider(SigningAlgorithm.PS256).getName()).isEqualTo("SunRsaSign");
    assertThat(portable.provider(SigningAlgorithm.HS256).getName()).isEqualTo("SunJCE");
    assertThat(portable.toString())
        .startsWith("ES256: SunEC ")
        .contains("EdDSA: BC 1.87")
        .doesNotContain("Corretto");
  }

  @Test
  void the_description_names_provider_and_version_per_algorithm() {
    CryptoProviders jdk = CryptoProviders.only(Source.JDK);

    assertThat(jdk.describeAll()).containsOnlyKeys(SigningAlgorithm.values());
    assertThat(jdk.describe(SigningAlgorithm.ES256))
        .isEqualTo("SunEC " + jdk.provider(SigningAlgorithm.ES256).getVersionStr());
  }

  static Stream<Arguments> signerAndVerifier() {
    List<Arguments> rows = new ArrayList<>();
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      for (Source signer : Source.values()) {
        for (Source verifier : Source.values()) {
          rows.add(Arguments.of(algorithm, signer, verifier));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} signed on {1} verifies on {2}")
  @MethodSource("signerAndVerifier")
  void a_token_signed_on_one_provider_verifies_on_every_other(
      SigningAlgorithm algorithm, Source signedOn, Source verifiedOn) {
    assumeTrue(CryptoProviders.isAvailable(signedOn), signedOn + " is not available here");
    assumeTrue(CryptoProviders.isAvailable(verifiedOn), verifiedOn + " is not available here");
    SigningKey key =
        new NimbusKeyGenerator(MASTER_KEY, CryptoProviders.only(signedOn))
            .generate(algorithm, TestRing.NOW);
    TokenClaims claims = TestRing.veltClaims();
    String token =
        new NimbusTokenSigner(MASTER_KEY, CryptoProviders.only(signedOn))
            .sign(VeltProfile.standard().header(algorithm, key.kid()), claims, key);
    NimbusTokenVerifier verifier =
        new NimbusTokenVerifier(MASTER_KEY, CryptoProviders.only(verifiedOn));

    SignatureCheck check = verifier.check(token, List.of(key), TestRing.ALL);

    assertThat(check).isInstanceOf(SignatureCheck.Valid.class);
    assertThat(((SignatureCheck.Valid) check).claims()).isEqualTo(claims);

    String tampered = tamperSignature(token);
    assertThat(verifier.check(tampered, List.of(key), TestRing.ALL)).isInstanceOf(Refused.class);
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void the_default_constructors_sign_and_verify_on_the_fastest_providers(
      SigningAlgorithm algorithm) {
    NimbusTokenSigner signer = new NimbusTokenSigner(MASTER_KEY);
    SigningKey key = new NimbusKeyGenerator(MASTER_KEY).generate(algorithm, TestRing.NOW);

    String token =
        signer.sign(
            VeltProfile.standard().header(algorithm, key.kid()), TestRing.veltClaims(), key);

    assertThat(signer.providers().toString()).isEqualTo(CryptoProviders.fastest(true).toString());
    assertThat(new NimbusTokenVerifier(MASTER_KEY).check(token, List.of(key), TestRing.ALL))
        .isInstanceOf(SignatureCheck.Valid.class);
  }

  /** Flips one bit in the first byte of the signature (always a full byte of signature data). */
  private static String tamperSignature(String token) {
    int dot = token.lastIndexOf('.');
    char first = token.charAt(dot + 1);
    char flipped = first == 'A' ? 'Q' : 'A';
    return token.substring(0, dot + 1) + flipped + token.substring(dot + 2);
  }
}
