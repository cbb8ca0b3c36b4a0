package dev.tokenmint.adapter.crypto;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tokenmint.application.port.out.TokenVerifier;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks compact JWS tokens with Nimbus JOSE+JWT against a workspace's verifying keys.
 *
 * <p>The rules run in a fixed order, so a token that breaks several is refused for the first: form
 * (three Base64URL parts, a JSON object header), {@code alg}, forbidden headers, {@code typ}
 * (required: {@code JWT}), {@code kid}, the named key's own algorithm, the signature, then the
 * claims' form. Nothing of the token is trusted before its signature verifies except what is needed
 * to find the key: the claims are parsed only after. The header never chooses the key material
 * ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c} are refused) and never the algorithm on its
 * own: the key named by {@code kid} must have exactly the header's algorithm, which is what keeps
 * an RSA or EC public key from being used as an HMAC secret.
 *
 * <p>Verifiers are built once per key and cached by {@code kid}, together with the key material
 * they were built from, so a different key presented under a known {@code kid} is never checked
 * with a stale verifier.
 */
public final class NimbusTokenVerifier implements TokenVerifier {

  /**
   * Header parameters tokenmint never sets and always refuses: they let a token name its own key
   * ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}; RFC 8725 §3.10), demand extensions ({@code
   * crit}), change what the signature covers ({@code b64}, RFC 7797, which Nimbus honours even
   * without {@code crit}), or ask for compression ({@code zip}: defined for JWE only, RFC 7516
   * §4.1.3, and a compression oracle where it is honoured, RFC 8725 §2.4 and §3.6).
   */
  static final List<String> FORBIDDEN_HEADERS =
      List.of("jwk", "jku", "x5u", "x5c", "crit", "b64", "zip");

  /**
   * The JDK's decoder for the header and claims (intrinsified, several times Nimbus's own): {@link
   * #splitCompact} has already checked they are unpadded Base64URL of a decodable length, where
   * both give the same bytes.
   */
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

  private final Optional<KeySeal> seal;
  private final CryptoProviders providers;
  private final Map<String, CachedVerifier> verifiers = new ConcurrentHashMap<>();

  /**
   * A verifier that opens HS256 ring keys (sealed at rest) with {@code masterKey}, on the fastest
   * providers available.
   */
  public NimbusTokenVerifier(MasterKey masterKey) {
    this(masterKey, CryptoProviders.fastest(true));
  }

  /**
   * A verifier that opens HS256 ring keys with {@code masterKey}, verifying with {@code providers}.
   */
  public NimbusTokenVerifier(MasterKey masterKey, CryptoProviders providers) {
    this(Optional.of(new KeySeal(masterKey)), providers);
  }

  /** A verifier of asymmetric keys only (from a JWKS): it holds no master key. */
  static NimbusTokenVerifier forPublicKeys(CryptoProviders providers) {
    return new NimbusTokenVerifier(Optional.empty(), providers);
  }

  private NimbusTokenVerifier(Optional<KeySeal> seal, CryptoProviders providers) {
    this.seal = seal;
    this.providers = providers;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only keys whose status is {@code ACTIVE} or {@code RETIRING} count. Problems with the keys
   * themselves are not the token's fault and are thrown.
   *
   * @throws SealedKeyException when the master key does not open the HS256 ring key named
   * @throws IllegalStateException when the stored JWK of the key named cannot verify its algorithm
   */
  @Override
  public SignatureCheck check(String token, List<SigningKey> keys, Set<SigningAlgorithm> allowed) {
    if (token == null || token.isEmpty()) {
      return invalid(Rejection.MALFORMED, "no token");
    }
    Optional<String[]> parts = splitCompact(token);
    if (parts.isEmpty()) {
      return invalid(Rejection.MALFORMED, "not a compact JWS: three Base64URL parts joined by '.'");
    }
    String headerJson;
    Map<String, Object> header;
    try {
      headerJson = decode(parts.get()[0]);
      header = JSONObjectUtils.parse(headerJson);
    } catch (ParseException | RuntimeException e) {
      return invalid(Rejection.MALFORMED, "the header is not a JSON object");
    }

    if (!(header.get("alg") instanceof String alg)) {
      return invalid(Rejection.ALGORITHM_NOT_ALLOWED, "the header has no alg");
    }
    if ("none".equalsIgnoreCase(alg)) {
      return invalid(Rejection.ALGORITHM_NOT_ALLOWED, "unsigned tokens (alg none) are refused");
    }
    Optional<SigningAlgorithm> algorithm = SigningAlgorithm.fromJoseName(alg);
    if (algorithm.isEmpty() || !allowed.contains(algorithm.get())) {
      return invalid(Rejection.ALGORITHM_NOT_ALLOWED, "alg " + printable(alg) + " is not allowed");
    }
    for (String name : FORBIDDEN_HEADERS) {
      if (header.containsKey(name)) {
        return invalid(Rejection.FORBIDDEN_HEADER, "the header '" + name + "' is refused");
      }
    }
    if (!(header.get("typ") instanceof String typ && isJwtType(typ))) {
      return invalid(
          Rejection.WRONG_TYPE,
          header.containsKey("typ") ? "typ must be JWT" : "typ must be JWT; the header has none");
    }
    if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
      return invalid(Rejection.UNKNOWN_KEY, "the header has no kid");
    }
    Optional<SigningKey> key = Optional.empty();
    for (SigningKey k : keys) {
      if (k.status() != KeyStatus.RETIRED && k.kid().equals(kid)) {
        key = Optional.of(k);
        break;
      }
    }
    if (key.isEmpty()) {
      return invalid(Rejection.UNKNOWN_KEY, "kid " + printable(kid) + " is not a verifying key");
    }
    if (key.get().algorithm() != algorithm.get()) {
      return invalid(
          Rejection.ALGORITHM_NOT_ALLOWED,
          "alg "
              + alg
              + " is not the algorithm of key "
              + kid
              + " ("
              + key.get().algorithm().joseName()
              + ")");
    }

    if (parts.get()[2].isEmpty()) {
      return invalid(Rejection.BAD_SIGNATURE, "the token has no signature");
    }
    // What JWSObject.parse(token) then verify(verifier) do, without decoding and parsing the
    // header a second time: the header checked as a JWS header (Nimbus's size limit included),
    // then the signature over the first two parts as they were sent.
    JWSHeader jwsHeader;
    try {
      if (headerJson.length() > Header.MAX_HEADER_STRING_LENGTH) {
        throw new ParseException("header too long", 0);
      }
      jwsHeader = JWSHeader.parse(header, new Base64URL(parts.get()[0]));
    } catch (ParseException | RuntimeException e) {
      return invalid(Rejection.MALFORMED, "the header is not a valid JWS header");
    }
    JWSVerifier verifier = verifierFor(key.get());
    byte[] signingInput =
        token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    boolean verified;
    try {
      verified = verifier.verify(jwsHeader, signingInput, new Base64URL(parts.get()[2]));
    } catch (JOSEException | RuntimeException e) {
      verified = false;
    }
    if (!verified) {
      return invalid(Rejection.BAD_SIGNATURE, "the signature does not verify under key " + kid);
    }

    Optional<TokenClaims> claims = claims(decode(parts.get()[1]));
    if (claims.isEmpty()) {
      return invalid(
          Rejection.MALFORMED,
          "the claims are not a JSON object of strings, numbers, booleans, lists and objects");
    }
    return new SignatureCheck.Valid(kid, algorithm.get().joseName(), claims.get());
  }

  /**
   * The verifier of a public key for {@code algorithm}, on {@code providers}' provider for it.
   *
   * @throws JOSEException when {@code jwk} is not a key of that algorithm (key type or curve)
   */
  static JWSVerifier publicKeyVerifier(
      SigningAlgorithm algorithm, JWK jwk, CryptoProviders providers) throws JOSEException {
    Provider provider = providers.provider(algorithm);
    JWSVerifier verifier = null;
    switch (algorithm) {
      case ES256:
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
          verifier = new ECDSAVerifier(ProviderKeys.translate(ec.toECPublicKey(), "EC", provider));
        }
        break;
      case EDDSA:
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
          verifier = new JcaEd25519Verifier(okp.toPublicJWK(), provider);
        }
        break;
      case RS256:
      case PS256:
        if (jwk instanceof RSAKey rsa) {
          verifier =
              new RSASSAVerifier(ProviderKeys.translate(rsa.toRSAPublicKey(), "RSA", provider));
        }
        break;
      case HS256:
        break;
    }
    if (verifier == null) {
      throw new JOSEException(
          "a " + jwk.getKeyType() + " key cannot verify " + algorithm.joseName());
    }
    verifier.getJCAContext().setProvider(provider);
    return verifier;
  }

  private JWSVerifier verifierFor(SigningKey key) {
    String material = key.algorithm().isSymmetric() ? key.privateJwk() : key.publicJwk();
    CachedVerifier cached = verifiers.get(key.kid());
    if (cached != null
        && cached.algorithm() == key.algorithm()
        && cached.material().equals(material)) {
      return cached.verifier();
    }
    CachedVerifier built = new CachedVerifier(key.algorithm(), material, build(key));
    verifiers.put(key.kid(), built);
    return built.verifier();
  }

  private JWSVerifier build(SigningKey key) {
    try {
      if (key.algorithm().isSymmetric()) {
        KeySeal keySeal =
            seal.orElseThrow(
                () -> new IllegalStateException("no master key to open HS256 key " + key.kid()));
        JWK secret = keySeal.open(key.kid(), key.privateJwk());
        if (!(secret instanceof OctetSequenceKey octets)) {
          throw new JOSEException("not a secret key");
        }
        MACVerifier mac = new MACVerifier(octets);
        mac.getJCAContext().setProvider(providers.provider(SigningAlgorithm.HS256));
        return mac;
      }
      return publicKeyVerifier(key.algorithm(), JWK.parse(key.publicJwk()), providers);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(
          "key " + key.kid() + " cannot verify " + key.algorithm().joseName(), e);
    }
  }

  /**
   * True for the media type {@code JWT}, which every tokenmint token declares (RFC 8725 §3.11:
   * explicit typing; RFC 7519 §5.1 recommends exactly "JWT"). A {@code typ} is a media type, so it
   * compares case-insensitively and may carry the "application/" prefix that RFC 7515 §4.1.9 lets a
   * writer omit: {@code jwt} and {@code application/jwt} name the same type.
   */
  private static boolean isJwtType(String typ) {
    return typ.equalsIgnoreCase("JWT") || typ.equalsIgnoreCase("application/jwt");
  }

  /** The three parts, when {@code token} is three Base64URL strings joined by dots. */
  static Optional<String[]> splitCompact(String token) {
    // In one pass, the language of ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*): a
    // regular expression's character class costs several times this on an 800-character token.
    int first = -1;
    int second = -1;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (first < 0) {
          first = i;
        } else if (second < 0) {
          second = i;
        } else {
          return Optional.empty();
        }
      } else if (!isBase64Url(c)) {
        return Optional.empty();
      }
    }
    if (first < 1 || second < first + 2) {
      return Optional.empty();
    }
    String header = token.substring(0, first);
    String claims = token.substring(first + 1, second);
    // Header and claims must decode exactly (no length of 1 modulo 4 does); the signature's
    // length is the verifier's business.
    if (header.length() % 4 == 1 || claims.length() % 4 == 1) {
      return Optional.empty();
    }
    return Optional.of(new String[] {header, claims, token.substring(second + 1)});
  }

  private static boolean isBase64Url(char c) {
    return c < BASE64URL_ALPHABET.length && BASE64URL_ALPHABET[c];
  }

  /** Whether each ASCII character is in the Base64URL alphabet: A-Z a-z 0-9 - _. */
  private static final boolean[] BASE64URL_ALPHABET = new boolean[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      BASE64URL_ALPHABET[c] = true;
      BASE64URL_ALPHABET[Character.toLowerCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      BASE64URL_ALPHABET[c] = true;
    }
    BASE64URL_ALPHABET['-'] = true;
    BASE64URL_ALPHABET['_'] = true;
  }

  /** The UTF-8 text of a part {@link #splitCompact} returned. */
  private static String decode(String part) {
    return new String(BASE64URL.decode(part), StandardCharsets.UTF_8);
  }

  private static Optional<TokenClaims> claims(String payload) {
    try {
      return claimObject(JSONObjectUtils.parse(payload)).map(TokenClaims::new);
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The value as {@link TokenClaims} holds it: Gson's longs and doubles become longs when integral,
   * and a fraction stays a double (an attribute may be a decimal; every claim of tokenmint's own
   * that must be an integer is read as one, so a fraction there still fails the token); a number
   * out of range or a null makes the whole token malformed.
   */
  private static Optional<?> claimValue(Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return Optional.of(value);
    }
    if (value instanceof Double d) {
      if (d != Math.rint(d)) {
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
      }
      return Math.abs(d) < 0x1p63 ? Optional.of(d.longValue()) : Optional.empty();
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        Optional<?> converted = claimValue(element);
        if (converted.isEmpty()) {
          return Optional.empty();
        }
        copy.add(converted.get());
      }
      return Optional.of(copy);
    }
    if (value instanceof Map<?, ?> map) {
      return claimObject(map);
    }
    return Optional.empty();
  }

  /** A JSON object as {@link TokenClaims} holds one, when every value converts. */
  private static Optional<Map<String, Object>> claimObject(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Optional<?> converted = claimValue(entry.getValue());
      if (!(entry.getKey() instanceof String name) || converted.isEmpty()) {
        return Optional.empty();
      }
      copy.put(name, converted.get());
    }
    return Optional.of(copy);
  }

  /** A short, printable rendering of an untrusted header value for a safe detail. */
  private static String printable(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
    StringBuilder safe = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return "'" + safe + "'";
  }

  private static Refused invalid(Rejection rejection, String detail) {
    return new Refused(rejection, detail);
  }

  private record CachedVerifier(
      SigningAlgorithm algorithm, String material, JWSVerifier verifier) {}
}
