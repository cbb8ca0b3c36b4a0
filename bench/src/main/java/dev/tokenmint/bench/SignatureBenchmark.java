package dev.tokenmint.bench;

import dev.tokenmint.adapter.crypto.CryptoProviders;
import dev.tokenmint.adapter.crypto.CryptoProviders.Source;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor: one raw signature over a ~600-byte signing input (a Velt token with 3 grants), as a
 * JWS signer does it per token (instance, init, update, sign), with the provider's own key. Per
 * source, so that the providers can be compared in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {

  /** JWS algorithm. */
  @Param({"HS256", "ES256", "EdDSA", "RS256", "PS256"})
  public String alg;

  /** Where the provider comes from: ACCP, BOUNCY_CASTLE or JDK. */
  @Param({"ACCP", "BOUNCY_CASTLE", "JDK"})
  public String source;

  private Provider provider;
  private String jcaName;
  private PrivateKey privateKey;
  private SecretKeySpec secret;
  private PSSParameterSpec pss;
  private final byte[] input = Tokens.signingInput(3).getBytes(StandardCharsets.US_ASCII);

  @Setup
  public void setUp() throws GeneralSecurityException {
    Source chosen = Source.valueOf(source);
    if (!CryptoProviders.isAvailable(chosen)) {
      throw new IllegalStateException(source + " is not available on this platform");
    }
    var algorithm = Tokens.algorithm(alg);
    provider = CryptoProviders.only(chosen).provider(algorithm);
    switch (alg) {
      case "HS256" -> {
        jcaName = "HmacSHA256";
        secret = new SecretKeySpec(new byte[32], "HmacSHA256");
      }
      case "ES256" -> {
        jcaName = "SHA256withECDSA";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        privateKey = generator.generateKeyPair().getPrivate();
      }
      case "EdDSA" -> {
        jcaName = "Ed25519";
        privateKey = keyPair("Ed25519").getPrivate();
      }
      case "RS256", "PS256" -> {
        jcaName = alg.equals("RS256") ? "SHA256withRSA" : "RSASSA-PSS";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
        generator.initialize(2048);
        privateKey = generator.generateKeyPair().getPrivate();
        pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
      }
      default -> throw new IllegalArgumentException(alg);
    }
  }

  /** The provider's Ed25519 keys where it makes them, else the JDK's (which ACCP signs with). */
  private KeyPair keyPair(String name) throws GeneralSecurityException {
    return provider.getService("KeyPairGenerator", name) != null
        ? KeyPairGenerator.getInstance(name, provider).generateKeyPair()
        : KeyPairGenerator.getInstance(name).generateKeyPair();
  }

  @Benchmark
  public byte[] sign() throws GeneralSecurityException {
    if (secret != null) {
      Mac mac = Mac.getInstance(jcaName, provider);
      mac.init(secret);
      return mac.doFinal(input);
    }
    Signature signature = Signature.getInstance(jcaName, provider);
    if (pss != null && alg.equals("PS256")) {
      signature.setParameter(pss);
    }
    signature.initSign(privateKey);
    signature.update(input);
    return signature.sign();
  }
}
