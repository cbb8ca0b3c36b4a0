package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSProvider;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Set;

/**
 * What Ed25519 signing and verifying through a JCA provider share. Nimbus's own Ed25519 classes are
 * bound to Tink's pure-Java implementation; ours let ACCP or BouncyCastle do the work, through
 * Nimbus's public {@code JWSSigner} and {@code JWSVerifier} interfaces only.
 */
abstract class JcaEd25519Provider implements JWSProvider {

  /** {@code EdDSA} (RFC 8037) and its fully specified name {@code Ed25519}. */
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

  private final JCAContext jca;

  /**
   * A provider of {@code jwk}'s operations on {@code provider}.
   *
   * @throws JOSEException when {@code jwk} is not on the Ed25519 curve
   */
  JcaEd25519Provider(OctetKeyPair jwk, Provider provider) throws JOSEException {
    if (!Curve.Ed25519.equals(jwk.getCurve())) {
      throw new JOSEException("not an Ed25519 key: " + jwk.getCurve());
    }
    this.jca = new JCAContext(provider, null);
  }

  @Override
  public final Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return ALGORITHMS;
  }

  @Override
  public final JCAContext getJCAContext() {
    return jca;
  }

  /** Whether {@code header} asks for an algorithm this class computes. */
  final boolean supports(JWSHeader header) {
    return ALGORITHMS.contains(header.getAlgorithm());
  }

  /** A new Ed25519 engine of the provider the JCA context names now. */
  final Signature engine() throws GeneralSecurityException {
    Provider provider = jca.getProvider();
    return provider == null
        ? Signature.getInstance("Ed25519")
        : Signature.getInstance("Ed25519", provider);
  }
}
