package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tokenmint.application.port.out.TokenSigner;
import dev.tokenmint.domain.key.SharedSecret;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.TokenHeader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs tokens with Nimbus JOSE+JWT. The header and claims are serialized in the order the profile
 * gave them and signed as those exact bytes, so a profile controls its tokens byte for byte (the
 * Datafor seed's {@code {"typ":"JWT","alg":"HS256"}} header included). Signers are built once per
 * key (its private part opened from its seal under the master key, then handed to the algorithm's
 * {@link CryptoProviders provider} in its own key form) and cached by {@code kid}.
 */
public final class NimbusTokenSigner implements TokenSigner {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** At most this many headers are kept; the next one starts the cache afresh. */
  static final int MAX_CACHED_HEADERS = 64;

  private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

  /**
   * Encoded headers by their names and values in order. A profile's header repeats (one per key),
   * so each is serialized once rather than once per token; bounded, and only headers of strings,
   * numbers and booleans are kept, so a cached key never changes.
   */
  private final Map<List<Object>, String> encodedHeaders = new ConcurrentHashMap<>();

  private final Map<SigningAlgorithm, JWSHeader> headers = new EnumMap<>(SigningAlgorithm.class);
  private final KeySeal seal;
  private final CryptoProviders providers;

  /** A signer opening ring keys with {@code masterKey}, on the fastest providers available. */
  public NimbusTokenSigner(MasterKey masterKey) {
    this(masterKey, CryptoProviders.fastest(true));
  }

  /** A signer opening ring keys with {@code masterKey}, signing with {@code providers}. */
  public NimbusTokenSigner(MasterKey masterKey, CryptoProviders providers) {
    this.seal = new KeySeal(masterKey);
    this.providers = providers;
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      // A Nimbus signer reads only the algorithm from the header it is given.
      headers.put(algorithm, new JWSHeader(joseAlgorithm(algorithm)));
    }
  }

  /**
   * Opens {@code key} and builds its signer now rather than at the first token: checks at start
   * that the master key fits the stored keys, and takes the cost off the first request.
   *
   * @throws SealedKeyException when the master key does not open the key
   */
  public void prepare(SigningKey key) {
    signers.computeIfAbsent(key.kid(), kid -> signerFor(key));
  }

  @Override
  public String sign(TokenHeader header, TokenClaims claims, SigningKey key) {
    if (!header.algorithm().equals(key.algorithm().joseName())) {
      throw new IllegalArgumentException(
          "header alg " + header.algorithm() + " does not match key " + key.kid());
    }
    JWSSigner signer = signers.computeIfAbsent(key.kid(), kid -> signerFor(key));
    return sign(headers.get(key.algorithm()), header, claims, signer);
  }

  @Override
  public String sign(TokenHeader header, TokenClaims claims, SharedSecret secret) {
    if (!header.algorithm().equals(SigningAlgorithm.HS256.joseName())) {
      throw new IllegalArgumentException("a shared secret signs HS256 only");
    }
    byte[] key = secret.bytes();
    if (key.length >= SharedSecret.MIN_BYTES) {
      try {
        MACSigner mac = new MACSigner(key);
        mac.getJCAContext().setProvider(providers.provider(SigningAlgorithm.HS256));
        return sign(headers.get(SigningAlgorithm.HS256), header, claims, mac);
      } catch (JOSEException e) {
        throw new IllegalStateException("an HS256 key of 256 bits or more was refused", e);
      }
    }
    // Legacy short key, already allowed by the use case: Nimbus's MACSigner enforces RFC 7518's
    // minimum, so the MAC is computed with the JCA's Mac directly.
    String signingInput = signingInput(header, claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256", providers.provider(SigningAlgorithm.HS256));
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Base64URL.encode(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private String sign(
      JWSHeader algorithm, TokenHeader header, TokenClaims claims, JWSSigner signer) {
    String signingInput = signingInput(header, claims);
    try {
      Base64URL signature =
          signer.sign(algorithm, signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + signature;
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed for a header tokenmint built itself", e);
    }
  }

  private String signingInput(TokenHeader header, TokenClaims claims) {
    return encodedHeader(header.asMap()) + "." + encode(claims.asMap());
  }

  /** {@code header} encoded, from the cache when it was encoded before. */
  String encodedHeader(Map<String, Object> header) {
    List<Object> key = new ArrayList<>(header.size() * 2);
    for (Map.Entry<String, Object> entry : header.entrySet()) {
      Object value = entry.getValue();
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        return encode(header);
      }
      key.add(entry.getKey());
      key.add(value);
    }
    String cached = encodedHeaders.get(key);
    if (cached != null) {
      return cached;
    }
    String encoded = encode(header);
    // Full: forget them all rather than keep the first ones for good, so the headers of keys made
    // later (rotations in a long-running process, new workspaces) are kept too.
    if (encodedHeaders.size() >= MAX_CACHED_HEADERS) {
      encodedHeaders.clear();
    }
    encodedHeaders.putIfAbsent(List.copyOf(key), encoded);
    return encoded;
  }

  /** How many encoded headers are kept now. */
  int cachedHeaders() {
    return encodedHeaders.size();
  }

  private static String encode(Map<String, Object> json) {
    // The JDK's encoder (intrinsified) gives Nimbus's Base64URL text, unpadded, at a third the
    // cost.
    return BASE64URL.encodeToString(
        JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
  }

  private JWSSigner signerFor(SigningKey key) {
    JWK jwk = seal.open(key.kid(), key.privateJwk());
    Provider provider = providers.provider(key.algorithm());
    try {
      JWSSigner signer =
          switch (key.algorithm()) {
            case ES256 ->
                new ECDSASigner(
                    ProviderKeys.translate(((ECKey) jwk).toECPrivateKey(), "EC", provider),
                    Curve.P_256);
            case EDDSA -> new JcaEd25519Signer((OctetKeyPair) jwk, provider);
            case RS256, PS256 ->
                new RSASSASigner(
                    ProviderKeys.translate(((RSAKey) jwk).toRSAPrivateKey(), "RSA", provider));
            case HS256 -> new MACSigner((OctetSequenceKey) jwk);
          };
      signer.getJCAContext().setProvider(provider);
      return signer;
    } catch (JOSEException | ClassCastException e) {
      throw new IllegalStateException("stored key " + key.kid() + " cannot sign", e);
    }
  }

  /** The providers this signer signs with. */
  public CryptoProviders providers() {
    return providers;
  }

  static JWSAlgorithm joseAlgorithm(SigningAlgorithm algorithm) {
    return JWSAlgorithm.parse(algorithm.joseName());
  }
}
