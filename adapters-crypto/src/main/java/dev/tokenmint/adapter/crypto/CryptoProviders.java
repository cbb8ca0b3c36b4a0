package dev.tokenmint.adapter.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.tokenmint.domain.key.SigningAlgorithm;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider that signs, verifies and generates keys for each algorithm. The signature
 * primitive decides how fast tokenmint is (ES256 with AWS-LC costs about a thirtieth of the JDK 17
 * provider's), so {@link #fastest} takes, per algorithm, the first that this platform has of:
 *
 * <ol>
 *   <li>Amazon Corretto Crypto Provider (AWS-LC, native; Linux x86-64 and aarch64), unless native
 *       code is refused — for the signature algorithms;
 *   <li>BouncyCastle, for EdDSA only (the JDK's Ed25519 is about 16 times slower);
 *   <li>the JDK's own provider ({@code SunEC}, {@code SunRsaSign}, {@code SunJCE}).
 * </ol>
 *
 * <p>HS256 always goes to the JDK: its HMAC-SHA256 is intrinsified and beats a call into native
 * code on token-sized inputs (0.68 µs against ACCP's 0.89 µs, docs/performance.md).
 *
 * <p>Providers are used by reference, never installed into {@link Security}: an embedder's other
 * JCA users are not affected. Immutable.
 */
public final class CryptoProviders {

  /** Where a provider comes from. */
  public enum Source {
    /** Amazon Corretto Crypto Provider. */
    ACCP,
    /** BouncyCastle's {@code BC}. */
    BOUNCY_CASTLE,
    /** The provider the JDK ships for the algorithm. */
    JDK
  }

  private final Map<SigningAlgorithm, Provider> providers;

  private CryptoProviders(Map<SigningAlgorithm, Provider> providers) {
    this.providers = Collections.unmodifiableMap(new EnumMap<>(providers));
  }

  /**
   * The fastest provider this platform has for each algorithm, in the order above.
   *
   * @param nativeCode whether native code (ACCP) may be loaded; {@code false} keeps tokenmint on
   *     pure Java providers
   */
  public static CryptoProviders fastest(boolean nativeCode) {
    return nativeCode ? WithNativeCode.CHOICE : WithoutNativeCode.CHOICE;
  }

  /** Detected once, at the first use: the platform does not change while the JVM runs. */
  private static final class WithNativeCode {
    static final CryptoProviders CHOICE = choose(true);
  }

  private static final class WithoutNativeCode {
    static final CryptoProviders CHOICE = choose(false);
  }

  /** BouncyCastle's provider, built once (it registers thousands of services: ~0.1 s). */
  private static final class BouncyCastle {
    static final Provider PROVIDER =
        Optional.ofNullable(Security.getProvider(BouncyCastleProvider.PROVIDER_NAME))
            .orElseGet(BouncyCastleProvider::new);
  }

  private static CryptoProviders choose(boolean nativeCode) {
    Optional<Provider> accp = nativeCode ? available(Source.ACCP) : Optional.empty();
    Map<SigningAlgorithm, Provider> chosen = new EnumMap<>(SigningAlgorithm.class);
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      Optional<Provider> pick =
          algorithm.isSymmetric() ? Optional.empty() : accp.filter(p -> offers(p, algorithm));
      if (pick.isEmpty() && algorithm == SigningAlgorithm.EDDSA) {
        // Only now: BouncyCastle is built when first needed.
        pick = available(Source.BOUNCY_CASTLE).filter(p -> offers(p, algorithm));
      }
      chosen.put(algorithm, pick.orElseGet(() -> jdk(algorithm)));
    }
    return new CryptoProviders(chosen);
  }

  /**
   * Every algorithm from one source, for tests and for operators who must use exactly one.
   *
   * @throws IllegalStateException when this platform does not have that source, or it lacks an
   *     algorithm
   */
  public static CryptoProviders only(Source source) {
    Map<SigningAlgorithm, Provider> chosen = new EnumMap<>(SigningAlgorithm.class);
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      Provider provider =
          source == Source.JDK
              ? jdk(algorithm)
              : available(source)
                  .filter(p -> offers(p, algorithm))
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              source + " is not available for " + algorithm.joseName()));
      chosen.put(algorithm, provider);
    }
    return new CryptoProviders(chosen);
  }

  /** True when this platform can use {@code source} (ACCP needs its native library to load). */
  public static boolean isAvailable(Source source) {
    return source == Source.JDK || available(source).isPresent();
  }

  /** The provider for {@code algorithm}. */
  public Provider provider(SigningAlgorithm algorithm) {
    return providers.get(algorithm);
  }

  /**
   * The provider's name and version for {@code algorithm}: {@code AmazonCorrettoCryptoProvider
   * 2.5.0}.
   */
  public String describe(SigningAlgorithm algorithm) {
    Provider provider = providers.get(algorithm);
    return provider.getName() + " " + provider.getVersionStr();
  }

  /** {@link #describe} for every algorithm, in the order of {@link SigningAlgorithm}. */
  public Map<SigningAlgorithm, String> describeAll() {
    Map<SigningAlgorithm, String> all = new EnumMap<>(SigningAlgorithm.class);
    Arrays.stream(SigningAlgorithm.values()).forEach(a -> all.put(a, describe(a)));
    return Collections.unmodifiableMap(all);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    describeAll()
        .forEach(
            (algorithm, name) ->
                text.append(text.length() == 0 ? "" : ", ")
                    .append(algorithm.joseName())
                    .append(": ")
                    .append(name));
    return text.toString();
  }

  /** The JCA service name of {@code algorithm}'s signature (or MAC). */
  static String jcaName(SigningAlgorithm algorithm) {
    return switch (algorithm) {
      case ES256 -> "SHA256withECDSA";
      case EDDSA -> "Ed25519";
      case RS256 -> "SHA256withRSA";
      case PS256 -> "RSASSA-PSS";
      case HS256 -> "HmacSHA256";
    };
  }

  private static boolean offers(Provider provider, SigningAlgorithm algorithm) {
    String type = algorithm.isSymmetric() ? "Mac" : "Signature";
    return provider.getService(type, jcaName(algorithm)) != null;
  }

  private static Provider jdk(SigningAlgorithm algorithm) {
    String name =
        switch (algorithm) {
          case ES256, EDDSA -> "SunEC";
          case RS256, PS256 -> "SunRsaSign";
          case HS256 -> "SunJCE";
        };
    Provider provider = Security.getProvider(name);
    if (provider == null) {
      throw new IllegalStateException("the JDK provider " + name + " is missing");
    }
    return provider;
  }

  /**
   * The provider of {@code source} when its classes are on the class path and it works here. A
   * missing optional jar shows as a {@link LinkageError} at the first reference to its classes. The
   * JDK has one provider per algorithm ({@link #jdk}), so it has no single provider here.
   */
  private static Optional<Provider> available(Source source) {
    try {
      return switch (source) {
        case ACCP -> {
          AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
          yield accp.getLoadingError() == null && selfTestsPass(accp)
              ? Optional.of(accp)
              : Optional.empty();
        }
        case BOUNCY_CASTLE -> Optional.of(BouncyCastle.PROVIDER);
        case JDK -> Optional.empty();
      };
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }

  private static boolean selfTestsPass(AmazonCorrettoCryptoProvider accp) {
    try {
      accp.assertHealthy();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
