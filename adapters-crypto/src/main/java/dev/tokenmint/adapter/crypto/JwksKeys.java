package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tokenmint.adapter.crypto.CryptoProviders.Source;
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
    return verifyingKeys(usable(json), seenAt);
  }

  /**
   * The usable keys of the JWKS {@code json}, public parts only, the first of each {@code kid}.
   *
   * @throws IllegalArgumentException when {@code json} is not a JSON object with a {@code keys}
   *     array
   */
  static JWKSet usable(String json) {
    List<Object> entries;
    try {
      entries = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(json), "keys");
    } catch (ParseException | RuntimeException e) {
      entries = null;
    }
    if (entries == null) {
      throw new IllegalArgumentException("not a JWKS: a JSON object with a \"keys\" array");
    }
    List<JWK> keys = new ArrayList<>(entries.size());
    Set<String> kids = new HashSet<>();
    for (Object entry : entries) {
      usableKey(entry).filter(key -> kids.add(key.getKeyID())).ifPresent(keys::add);
    }
    return new JWKSet(keys);
  }

  /** The keys of a set {@link #usable} read, as verifying keys first seen at {@code seenAt}. */
  static List<SigningKey> verifyingKeys(JWKSet usable, Instant seenAt) {
    List<SigningKey> keys = new ArrayList<>(usable.size());
    for (JWK jwk : usable.getKeys()) {
      // A key read from a JWKS has no private part; the ring's sealed field stays empty.
      algorithm(jwk)
          .map(
              algorithm ->
                  new SigningKey(
                      jwk.getKeyID(), algorithm, KeyStatus.ACTIVE, seenAt, jwk.toJSONString(), ""))
          .ifPresent(keys::add);
    }
    return List.copyOf(keys);
  }

  private static Optional<JWK> usableKey(Object entry) {
    if (!(entry instanceof Map<?, ?>)) {
      return Optional.empty();
    }
    try {
      JWK jwk = JWK.parse(asObject(entry));
      String kid = jwk.getKeyID();
      if (kid == null || kid.isEmpty()) {
        return Optional.empty();
      }
      if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
        return Optional.empty();
      }
      Optional<SigningAlgorithm> algorithm = algorithm(jwk);
      if (algorithm.isEmpty()) {
        return Optional.empty();
      }
      NimbusTokenVerifier.publicKeyVerifier(algorithm.get(), jwk, KEY_CHECK);
      return Optional.of(jwk.toPublicJWK());
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked") // a JSON object as JSONObjectUtils parses it
  private static Map<String, Object> asObject(Object entry) {
    return (Map<String, Object>) entry;
  }

  /** The asymmetric algorithm tokenmint signs with that {@code jwk}'s {@code alg} names. */
  private static Optional<SigningAlgorithm> algorithm(JWK jwk) {
    if (jwk.getAlgorithm() == null) {
      return Optional.empty();
    }
    return SigningAlgorithm.fromJoseName(jwk.getAlgorithm().getName())
        .filter(algorithm -> !algorithm.isSymmetric());
  }
}
