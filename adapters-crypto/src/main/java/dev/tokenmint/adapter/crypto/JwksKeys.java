package dev.tokenmint.adapter.crypto;

import dev.tokenmint.adapter.crypto.CryptoProviders.Source;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JWKS into the {@link SigningKey}s {@link NimbusTokenVerifier} checks against. A key is
 * kept only when it can verify exactly one algorithm tokenmint signs with: it has a {@code kid}, an
 * {@code alg} of ES256, EdDSA, RS256 or PS256 that fits its type and curve, and no {@code use}
 * other than {@code sig}. Any other key is skipped (a token naming it is refused as an unknown
 * key), so one odd entry does not make the whole set unusable. Only public parts are kept.
 */
final class JwksKeys {

  /** Only whether a key fits its algorithm matters here; the JDK's providers can tell. */
  private static final CryptoProviders KEY_CHECK = CryptoProviders.only(Source.JDK);


  private JwksKeys() {}

  /**
   * The usable keys of the JWKS {@code json}, as verifying keys first seen at {@code seenAt}.
   *
   * @throws IllegalArgumentException when {@code json} is not a JSON object with a {@code keys}
   *     array
   */
  static List<SigningKey> parse(String json, Instant seenAt) {
    List<Object> entries;
    try {
      entries = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(json), "keys");
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("not a JWKS: a JSON object with a \"keys\" array");
    }
    if (entries == null) {
      throw new IllegalArgumentException("not a JWKS: a JSON object with a \"keys\" array");
    }
    List<SigningKey> keys = new ArrayList<>(entries.size());
    Set<String> kids = new HashSet<>();
    for (Object entry : entries) {
      usable(entry, seenAt).filter(key -> kids.add(key.kid())).ifPresent(keys::add);
    }
    return List.copyOf(keys);
  }

  private static Optional<SigningKey> usable(Object entry, Instant seenAt) {
    if (!(entry instanceof Map<?, ?>)) {
      return Optional.empty();
    }
    try {
      JWK jwk = JWK.parse(asObject(entry));
      String kid = jwk.getKeyID();
      if (kid == null || kid.isEmpty() || jwk.getAlgorithm() == null) {
        return Optional.empty();
      }
      if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
        return Optional.empty();
      }
      Optional<SigningAlgorithm> algorithm =
          SigningAlgorithm.fromJoseName(jwk.getAlgorithm().getName()).filter(a -> !a.isSymmetric());
      if (algorithm.isEmpty()) {
        return Optional.empty();
      }
      NimbusTokenVerifier.publicKeyVerifier(algorithm.get(), jwk, KEY_CHECK);
      String publicJwk = jwk.toPublicJWK().toJSONString();
      // A key read from a JWKS has no private part; the ring's sealed field stays empty.
      return Optional.of(
          new SigningKey(kid, algorithm.get(), KeyStatus.ACTIVE, seenAt, publicJwk, ""));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object entry) {
    return (Map<String, Object>) entry;
  }
}
