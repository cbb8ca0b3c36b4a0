package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/** Ed25519 verification through a JCA provider: the counterpart of {@link JcaEd25519Signer}. */
final class JcaEd25519Verifier extends JcaEd25519Provider implements JWSVerifier {

  /** An Ed25519 signature is 64 bytes (RFC 8032 §5.1.6). */
  private static final int SIGNATURE_BYTES = 64;

  private final PublicKey key;

  /**
   * A verifier of {@code jwk}'s public key with {@code provider}.
   *
   * @throws JOSEException when {@code jwk} is not an Ed25519 key the provider takes
   */
  JcaEd25519Verifier(OctetKeyPair jwk, Provider provider) throws JOSEException {
    super(jwk, provider);
    this.key = ProviderKeys.ed25519Public(jwk, provider);
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
    byte[] bytes = signature.decode();
    if (!supports(header) || bytes.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature verifier = engine();
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(bytes);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
