package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Keys in the form of the provider that uses them. A native provider handed a JDK key object
 * re-encodes it on every signature; translated once, the key is the provider's own.
 */
final class ProviderKeys {

  /** DER of PKCS#8 {@code PrivateKeyInfo} for Ed25519 (RFC 8410 §7) up to the 32-byte seed. */
  private static final byte[] ED25519_PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  /** DER of X.509 {@code SubjectPublicKeyInfo} for Ed25519 (RFC 8410 §4) up to the 32-byte key. */
  private static final byte[] ED25519_X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private ProviderKeys() {}

  /** {@code key} as {@code provider}'s own key object of the same type. */
  @SuppressWarnings("unchecked")
  static <K extends Key> K translate(K key, String keyAlgorithm, Provider provider)
      throws JOSEException {
    try {
      return (K) KeyFactory.getInstance(keyAlgorithm, provider).translateKey(key);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new JOSEException(
          provider.getName() + " cannot take a " + keyAlgorithm + " key: " + e.getMessage(), e);
    }
  }

  /** The private half of an Ed25519 {@code OctetKeyPair}, as {@code provider}'s key. */
  static PrivateKey ed25519Private(OctetKeyPair jwk, Provider provider) throws JOSEException {
    if (!jwk.isPrivate()) {
      throw new JOSEException("the Ed25519 key has no private part");
    }
    byte[] der = concat(ED25519_PKCS8_PREFIX, jwk.getDecodedD());
    try {
      return ed25519KeyFactory(provider).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new JOSEException(provider.getName() + " cannot take the Ed25519 key", e);
    }
  }

  /** The public half of an Ed25519 {@code OctetKeyPair}, as {@code provider}'s key. */
  static PublicKey ed25519Public(OctetKeyPair jwk, Provider provider) throws JOSEException {
    byte[] der = concat(ED25519_X509_PREFIX, jwk.getDecodedX());
    try {
      return ed25519KeyFactory(provider).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new JOSEException(provider.getName() + " cannot take the Ed25519 public key", e);
    }
  }

  /**
   * The provider's Ed25519 key factory, else the JDK's: ACCP signs Ed25519 but registers no key
   * factory for it, and takes the JDK's key objects.
   */
  private static KeyFactory ed25519KeyFactory(Provider provider) throws GeneralSecurityException {
    return provider.getService("KeyFactory", "Ed25519") != null
        ? KeyFactory.getInstance("Ed25519", provider)
        : KeyFactory.getInstance("Ed25519");
  }

  private static byte[] concat(byte[] prefix, byte[] key) {
    byte[] der = new byte[prefix.length + key.length];
    System.arraycopy(prefix, 0, der, 0, prefix.length);
    System.arraycopy(key, 0, der, prefix.length, key.length);
    return der;
  }
}
