package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;

/**
 * Seals private JWKs under the master key as compact JWE ({@code dir}, {@code A256GCM}: AES-256-GCM
 * with a fresh IV per key). The key's {@code kid} travels in the protected header, which GCM
 * authenticates, so a sealed key cannot be swapped under another key's id.
 */
final class KeySeal {

  private final MasterKey masterKey;

  KeySeal(MasterKey masterKey) {
    this.masterKey = masterKey;
  }

  String seal(JWK privateJwk) {
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                  .keyID(privateJwk.getKeyID())
                  .contentType("jwk+json")
                  .build(),
              new Payload(privateJwk.toJSONString()));
      jwe.encrypt(new DirectEncrypter(masterKey.bytes()));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  JWK open(String kid, String sealed) {
    try {
      JWEObject jwe = JWEObject.parse(sealed);
      if (!kid.equals(jwe.getHeader().getKeyID())) {
        throw new SealedKeyException(kid, null);
      }
      jwe.decrypt(new DirectDecrypter(masterKey.bytes()));
      JWK jwk = JWK.parse(jwe.getPayload().toString());
      if (!kid.equals(jwk.getKeyID())) {
        throw new SealedKeyException(kid, null);
      }
      return jwk;
    } catch (ParseException | JOSEException e) {
      throw new SealedKeyException(kid, e);
    }
  }
}
