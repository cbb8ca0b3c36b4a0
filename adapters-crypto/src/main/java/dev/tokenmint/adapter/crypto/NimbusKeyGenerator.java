package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tokenmint.application.port.out.KeyGenerator;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import java.time.Instant;

/**
 * Generates signing keys with Nimbus: P-256 for ES256, Ed25519 for EdDSA, 2048-bit RSA for RS256
 * and PS256, 256-bit secrets for HS256. The {@code kid} is the RFC 7638 thumbprint; each JWK
 * carries its {@code alg} and {@code use: sig}. The private part leaves this class only sealed
 * under the master key.
 */
public final class NimbusKeyGenerator implements KeyGenerator {

  private final KeySeal seal;
  private final CryptoProviders providers;

  /** A generator sealing private keys under {@code masterKey}, on the fastest providers. */
  public NimbusKeyGenerator(MasterKey masterKey) {
    this(masterKey, CryptoProviders.fastest(true));
  }

  /**
   * A generator sealing private keys under {@code masterKey}, generating with {@code providers}.
   */
  public NimbusKeyGenerator(MasterKey masterKey, CryptoProviders providers) {
    this.seal = new KeySeal(masterKey);
    this.providers = providers;
  }

  /** RSA modulus size: the RFC 7518 minimum, and the common one verifiers expect. */
  static final int RSA_BITS = 2048;

  @Override
  public SigningKey generate(SigningAlgorithm algorithm, Instant createdAt) {
    try {
      JWK jwk =
          generator(algorithm)
              .algorithm(NimbusTokenSigner.joseAlgorithm(algorithm))
              .keyUse(KeyUse.SIGNATURE)
              .keyIDFromThumbprint(true)
              .generate();
      String publicJwk = algorithm.isSymmetric() ? "" : jwk.toPublicJWK().toJSONString();
      return new SigningKey(
          jwk.getKeyID(), algorithm, KeyStatus.ACTIVE, createdAt, publicJwk, seal.seal(jwk));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + algorithm.joseName() + " key", e);
    }
  }

  /**
   * Nimbus's generator for {@code algorithm}. EC and RSA keys come from the algorithm's provider (a
   * 2048-bit RSA key takes a fraction of the JDK's time with ACCP); Ed25519 keys and secrets from
   * Nimbus's own (Tink, {@link java.security.SecureRandom}).
   */
  private JWKGenerator<? extends JWK> generator(SigningAlgorithm algorithm) {
    return switch (algorithm) {
      case ES256 -> new ECKeyGenerator(Curve.P_256).provider(providers.provider(algorithm));
      case EDDSA -> new OctetKeyPairGenerator(Curve.Ed25519);
      case RS256, PS256 -> new RSAKeyGenerator(RSA_BITS).provider(providers.provider(algorithm));
      case HS256 -> new OctetSequenceKeyGenerator(256);
    };
  }
}
