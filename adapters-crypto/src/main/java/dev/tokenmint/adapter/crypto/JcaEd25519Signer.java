package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.impl.AlgorithmSupportMessage;
import com.nimbusds.jose.crypto.impl.EdDSAProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

/**
 * Ed25519 signatures through a JCA provider. Nimbus's own {@code Ed25519Signer} is bound to Tink's
 * pure-Java implementation; this one lets ACCP or BouncyCastle do the work.
 */
final class JcaEd25519Signer extends EdDSAProvider implements JWSSigner {

  private final PrivateKey key;
  private final Provider provider;

  /**
   * A signer of {@code jwk}'s private key with {@code provider}.
   *
   * @throws JOSEException when {@code jwk} is not a private Ed25519 key the provider takes
   */
  JcaEd25519Signer(OctetKeyPair jwk, Provider provider) throws JOSEException {
    if (!Curve.Ed25519.equals(jwk.getCurve())) {
      throw new JOSEException("not an Ed25519 key: " + jwk.getCurve());
    }
    this.key = ProviderKeys.ed25519Private(jwk, provider);
    this.provider = provider;
    getJCAContext().setProvider(provider);
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!supportedJWSAlgorithms().contains(header.getAlgorithm())) {
      throw new JOSEException(
          AlgorithmSupportMessage.unsupportedJWSAlgorithm(
              header.getAlgorithm(), supportedJWSAlgorithms()));
    }
    try {
      Signature signature = Signature.getInstance("Ed25519", provider);
      signature.initSign(key);
      signature.update(signingInput);
      return Base64URL.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }
}
