package dev.tokenmint.adapter.crypto;

import static dev.tokenmint.domain.fixture.Grants.aGrant;
import static dev.tokenmint.domain.fixture.Grants.grantSet;
import static dev.tokenmint.domain.fixture.Users.aUser;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.user.Attributes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workspace's key ring for verification tests — an active ES256 key and retiring keys of every
 * other algorithm, a second ES256 key, a retired key — plus a key of another workspace, and a raw
 * forger that signs any header and claims bytes with any of them.
 */
final class TestRing {

  static final String ISSUER = "https://tokenmint.example.com";
  static final Instant NOW = Instant.ofEpochSecond(1_777_291_200L);
  static final Set<SigningAlgorithm> ALL = Set.of(SigningAlgorithm.values());

  static final MasterKey MASTER_KEY = MasterKey.generate();
  private static final NimbusKeyGenerator GENERATOR = new NimbusKeyGenerator(MASTER_KEY);

  static final SigningKey ES256 = key(SigningAlgorithm.ES256, KeyStatus.ACTIVE);
  static final SigningKey ES256_OTHER = key(SigningAlgorithm.ES256, KeyStatus.RETIRING);
  static final SigningKey EDDSA = key(SigningAlgorithm.EDDSA, KeyStatus.RETIRING);
  static final SigningKey RS256 = key(SigningAlgorithm.RS256, KeyStatus.RETIRING);
  static final SigningKey PS256 = key(SigningAlgorithm.PS256, KeyStatus.RETIRING);
  static final SigningKey HS256 = key(SigningAlgorithm.HS256, KeyStatus.RETIRING);
  static final SigningKey RETIRED = key(SigningAlgorithm.ES256, KeyStatus.RETIRED);

  /** A key of another workspace: never in {@link #KEYS}. */
  static final SigningKey FOREIGN = key(SigningAlgorithm.ES256, KeyStatus.ACTIVE);

  /** The ring as the use case hands it over (the retired key included: it must not count). */
  static final List<SigningKey> KEYS =
      List.of(ES256, ES256_OTHER, EDDSA, RS256, PS256, HS256, RETIRED);

  private static final NimbusTokenSigner SIGNER = new NimbusTokenSigner(MASTER_KEY);

  private TestRing() {}

  private static SigningKey key(SigningAlgorithm algorithm, KeyStatus status) {
    return GENERATOR.generate(algorithm, NOW).withStatus(status);
  }

  /**
   * Velt claims with nested objects, lists, booleans, longs, a decimal (an attribute), a prefix
   * grant and an expiring grant.
   */
  static TokenClaims veltClaims() {
    return VeltProfile.standard()
        .claims(
            ISSUER,
            aUser().withId("user123").withRoles("Manager", "Reviewer").asAdmin().build(),
            Attributes.of(
                Map.of("region", "EU", "ratio", 0.25, "level", 3, "teams", List.of("red", "blue"))),
            grantSet(
                aGrant().onDocument("report_*").inOrganization("org_123").asViewer(),
                aGrant().onOrganization("org_123").asViewer(),
                aGrant()
                    .onDocument("doc_456")
                    .inOrganization("org_123")
                    .expiringAt(NOW.plusSeconds(3600))),
            NOW,
            NOW.plusSeconds(48 * 3600),
            "jti-1");
  }

  /** A token minted the way tokenmint mints: Velt header and claims, signed by {@code key}. */
  static String mint(SigningKey key, TokenClaims claims) {
    return SIGNER.sign(VeltProfile.standard().header(key.algorithm(), key.kid()), claims, key);
  }

  /** A well-formed Velt token of the active ES256 key. */
  static String validToken() {
    return mint(ES256, veltClaims());
  }

  /** The Base64URL of {@code json}'s UTF-8 bytes, exactly as written. */
  static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The JSON text of a token part. */
  static String decode(String part) {
    return new Base64URL(part).decodeToString();
  }

  /**
   * {@code header.claims.signature}, signed with {@code key}'s private part by the header's alg.
   */
  static String forge(String headerJson, String claimsJson, SigningKey key) {
    return forge(headerJson, claimsJson, signer(key));
  }

  /** {@code header.claims.signature}, signed over the exact bytes by {@code signer}. */
  static String forge(String headerJson, String claimsJson, JWSSigner signer) {
    String input = b64(headerJson) + "." + b64(claimsJson);
    return input + "." + signature(input, signer);
  }

  /** The signature {@code signer} makes over {@code signingInput}. */
  static String signature(String signingInput, JWSSigner signer) {
    try {
      JWSAlgorithm alg = signer.supportedJWSAlgorithms().iterator().next();
      return signer
          .sign(new JWSHeader(alg), signingInput.getBytes(StandardCharsets.US_ASCII))
          .toString();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signer with the private part of ring key {@code key}, for its own algorithm. */
  static JWSSigner signer(SigningKey key) {
    return signer(new KeySeal(MASTER_KEY).open(key.kid(), key.privateJwk()), key.algorithm());
  }

  /** A signer with {@code jwk} for {@code algorithm}, whatever the key was made for. */
  static JWSSigner signer(JWK jwk, SigningAlgorithm algorithm) {
    try {
      JWSSigner signer =
          switch (algorithm) {
            case ES256 -> new ECDSASigner((ECKey) jwk);
            case EDDSA -> new Ed25519Signer((OctetKeyPair) jwk);
            case RS256, PS256 -> new RSASSASigner((RSAKey) jwk);
            case HS256 -> new MACSigner((OctetSequenceKey) jwk);
          };
      return new FixedAlgorithmSigner(signer, JWSAlgorithm.parse(algorithm.joseName()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private JWK of ring key {@code key}. */
  static JWK privateJwk(SigningKey key) {
    return new KeySeal(MASTER_KEY).open(key.kid(), key.privateJwk());
  }

  /** {@code token} (ES256) with its signature's s replaced by n − s. */
  static String withOtherS(String token) {
    String[] parts = token.split("\\.");
    byte[] signature = new Base64URL(parts[2]).decode();
    BigInteger n = Curve.P_256.toECParameterSpec().getOrder();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    byte[] other = n.subtract(s).toByteArray();
    byte[] twin = Arrays.copyOf(signature, 64);
    Arrays.fill(twin, 32, 64, (byte) 0);
    int length = Math.min(other.length, 32);
    System.arraycopy(other, other.length - length, twin, 64 - length, length);
    return parts[0] + "." + parts[1] + "." + Base64URL.encode(twin);
  }

  /** True when the ES256 {@code token}'s s is above n / 2. */
  static boolean hasHighS(String token) {
    byte[] signature = new Base64URL(token.split("\\.")[2]).decode();
    BigInteger n = Curve.P_256.toECParameterSpec().getOrder();
    return new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)).compareTo(n.shiftRight(1)) > 0;
  }

  /** Pins an RSA signer (which signs RS and PS alike) to one algorithm. */
  private record FixedAlgorithmSigner(JWSSigner delegate, JWSAlgorithm algorithm)
      implements JWSSigner {
    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      return delegate.sign(new JWSHeader(algorithm), signingInput);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return Set.of(algorithm);
    }

    @Override
    public com.nimbusds.jose.jca.JCAContext getJCAContext() {
      return delegate.getJCAContext();
    }
  }
}
