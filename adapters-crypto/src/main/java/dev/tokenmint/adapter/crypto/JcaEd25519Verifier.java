package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.EdDSAProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/** Ed25519 verification through a JCA provider: the counterpart of {@link JcaEd25519Signer}. */
final class JcaEd25519Verifier extends EdDSAProvider implements JWSVerifier {

  /** An Ed25519 signature is 64 bytes (RFC 8032 §5.1.6). */
  private static final int SIGNATURE_BYTES = 64;

  private final PublicKey key;
  private final Provider provider;

  /**
   * A verifier of {@code jwk}'s public key with {@code provider}.
   *
   * @throws JOSEException when {@code jwk} is not an Ed25519 key the provider takes
   */
  JcaEd25519Verifier(OctetKeyPair jwk, Provider provider) throws JOSEException {
    if (!Curve.Ed25519.equals(jwk.getCurve())) {
      throw new JOSEException("not an Ed25519 key: " + jwk.getCurve());
    }
    this.key = ProviderKeys.ed25519Public(jwk, provider);
    this.provider = provider;
    getJCAContext().setProvider(provider);
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature)
      throws JOSEException {
    if (!supportedJWSAlgorithms().contains(header.getAlgorithm())) {
      return false;
    }
    byte[] bytes = signature.decode();
    if (bytes.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519", provider);
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(bytes);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
