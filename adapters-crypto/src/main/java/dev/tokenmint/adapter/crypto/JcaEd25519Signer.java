package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

/** Ed25519 signatures through a JCA provider. */
final class JcaEd25519Signer extends JcaEd25519Provider implements JWSSigner {

  private final PrivateKey key;

  /**
   * A signer of {@code jwk}'s private key with {@code provider}.
   *
   * @throws JOSEException when {@code jwk} is not a private Ed25519 key the provider takes
   */
  JcaEd25519Signer(OctetKeyPair jwk, Provider provider) throws JOSEException {
    super(jwk, provider);
    this.key = ProviderKeys.ed25519Private(jwk, provider);
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!supports(header)) {
      throw new JOSEException(
          "alg "
              + header.getAlgorithm()
              + " is not Ed25519; supported: "
              + supportedJWSAlgorithms());
    }
    try {
      Signature signature = engine();
      signature.initSign(key);
      signature.update(signingInput);
      return Base64URL.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }
}
