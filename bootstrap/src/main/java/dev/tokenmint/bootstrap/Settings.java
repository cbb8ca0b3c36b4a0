package dev.tokenmint.bootstrap;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.application.service.AuthenticationService;
import dev.tokenmint.application.service.WorkspaceService;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * tokenmint's configuration, read from {@code TOKENMINT_*} environment variables (README, Configuration). Every
 * value is checked at start; a bad one stops the start with one line naming the variable. An
 * unknown {@code TOKENMINT_*} variable is refused too: a typo must not silently fall back to a
 * default.
 */
public record Settings(
    String host,
    int port,
    Path dataDir,
    Optional<String> issuer,
    SigningAlgorithm signingAlgorithm,
    boolean legacyShortHmacKeys,
    Optional<String> apiKey,
    Optional<String> authToken,
    Optional<String> dbUrl,
    Optional<String> dbUser,
    Optional<String> dbPassword,
    Optional<MasterKey> masterKey,
    Duration clockSkew,
    Optional<Duration> keyRotation,
    Set<SigningAlgorithm> allowedAlgorithms,
    int maxGrants,
    int maxBodyBytes,
    int maxTokenBytes,
    boolean nativeCrypto,
    Duration credentialCache,
    boolean virtualThreads,
    OptionalInt managementPort,
    Duration shutdownGrace,
    RateLimit rateLimit,
    RateLimit authFailureLimit) {

  static final String PREFIX = "TOKENMINT_";
  static final String HOST = "TOKENMINT_HOST";
  static final String PORT = "TOKENMINT_PORT";
  static final String DATA_DIR = "TOKENMINT_DATA_DIR";
  static final String ISSUER = "TOKENMINT_ISSUER";
  static final String SIGNING_ALG = "TOKENMINT_SIGNING_ALG";
  static final String LEGACY_SHORT_HMAC_KEYS = "TOKENMINT_LEGACY_SHORT_HMAC_KEYS";
  static final String API_KEY = "TOKENMINT_API_KEY";
  static final String AUTH_TOKEN = "TOKENMINT_AUTH_TOKEN";
  static final String DB_URL = "TOKENMINT_DB_URL";
  static final String DB_USER = "TOKENMINT_DB_USER";
  static final String DB_PASSWORD = "TOKENMINT_DB_PASSWORD";
  static final String MASTER_KEY = "TOKENMINT_MASTER_KEY";
  static final String CLOCK_SKEW_SECONDS = "TOKENMINT_CLOCK_SKEW_SECONDS";
  static final String KEY_ROTATION_DAYS = "TOKENMINT_KEY_ROTATION_DAYS";
  static final String ALLOWED_ALGS = "TOKENMINT_ALLOWED_ALGS";
  static final String MAX_GRANTS = "TOKENMINT_MAX_GRANTS";
  static final String MAX_BODY_BYTES = "TOKENMINT_MAX_BODY_BYTES";
  static final String MAX_TOKEN_BYTES = "TOKENMINT_MAX_TOKEN_BYTES";
  static final String NATIVE_CRYPTO = "TOKENMINT_NATIVE_CRYPTO";
  static final String CREDENTIAL_CACHE_SECONDS = "TOKENMINT_CREDENTIAL_CACHE_SECONDS";
  static final String VIRTUAL_THREADS = "TOKENMINT_VIRTUAL_THREADS";
  static final String MANAGEMENT_PORT = "TOKENMINT_MANAGEMENT_PORT";
  static final String SHUTDOWN_GRACE_SECONDS = "TOKENMINT_SHUTDOWN_GRACE_SECONDS";
  static final String LOG_FORMAT = "TOKENMINT_LOG_FORMAT";
  static final String ACCESS_LOG = "TOKENMINT_ACCESS_LOG";
  static final String RATE_LIMIT = "TOKENMINT_RATE_LIMIT";
  static final String AUTH_FAILURE_LIMIT = "TOKENMINT_AUTH_FAILURE_LIMIT";

  /** Failed authentications a second allowed from one client address unless configured. */
  static final int DEFAULT_AUTH_FAILURE_LIMIT = 20;

  /** Every variable tokenmint reads. Variables for tests ({@code TOKENMINT_TEST_*}) are ignored. */
  static final Set<String> KNOWN =
      Set.of(
          HOST,
          PORT,
          DATA_DIR,
          ISSUER,
          SIGNING_ALG,
          LEGACY_SHORT_HMAC_KEYS,
          API_KEY,
          AUTH_TOKEN,
          DB_URL,
          DB_USER,
          DB_PASSWORD,
          MASTER_KEY,
          CLOCK_SKEW_SECONDS,
          KEY_ROTATION_DAYS,
          ALLOWED_ALGS,
          MAX_GRANTS,
          MAX_BODY_BYTES,
          MAX_TOKEN_BYTES,
          NATIVE_CRYPTO,
          CREDENTIAL_CACHE_SECONDS,
          VIRTUAL_THREADS,
          MANAGEMENT_PORT,
          SHUTDOWN_GRACE_SECONDS,
          LOG_FORMAT,
          ACCESS_LOG,
          RATE_LIMIT,
          AUTH_FAILURE_LIMIT);

  /** Checks the parts a hand-built {@code Settings} must have. */
  public Settings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    Objects.requireNonNull(masterKey, "masterKey");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(keyRotation, "keyRotation");
    Objects.requireNonNull(credentialCache, "credentialCache");
    Objects.requireNonNull(managementPort, "managementPort");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(authFailureLimit, "authFailureLimit");
    allowedAlgorithms = Set.copyOf(allowedAlgorithms);
  }

  /**
   * The configured issuer, else {@code http://localhost:<port>}: what a default workspace created
   * by an instance listening on {@code port} takes as its issuer (kept from then on).
   */
  public String issuerFor(int port) {
    return issuer.orElse("http://localhost:" + port);
  }

  /** True when the state lives in PostgreSQL rather than the embedded H2 file database. */
  public boolean usesPostgres() {
    return dbUrl.isPresent();
  }

  /**
   * Settings from {@code environment} (normally {@link System#getenv()}).
   *
   * @throws ConfigurationException naming the first bad variable
   */
  public static Settings fromEnvironment(Map<String, String> environment) {
    Set<String> unknown = new TreeSet<>();
    environment.keySet().stream()
        .filter(name -> name.startsWith(PREFIX) && !name.startsWith(PREFIX + "TEST_"))
        .filter(name -> !KNOWN.contains(name))
        .forEach(unknown::add);
    if (!unknown.isEmpty()) {
      throw new ConfigurationException(
          "unknown setting " + unknown + "; tokenmint reads " + new TreeSet<>(KNOWN));
    }
    Function<String, Optional<String>> env = values(environment);
    // Applied by Main before anything logs (Logging says why); checked here so that a bad value
    // stops the start in one line like any other.
    logging(environment);

    String host = env.apply(HOST).orElse("127.0.0.1");
    int port = integer(env, PORT, 8080, 0, 65_535);
    Path dataDir = Path.of(env.apply(DATA_DIR).orElse("./data"));
    Optional<String> issuer = env.apply(ISSUER).map(Settings::issuer);
    SigningAlgorithm algorithm =
        env.apply(SIGNING_ALG)
            .map(
                name ->
                    SigningAlgorithm.fromJoseName(name)
                        .orElseThrow(
                            () ->
                                new ConfigurationException(
                                    SIGNING_ALG
                                        + " must be one of "
                                        + SigningAlgorithm.JOSE_NAMES
                                        + ", got '"
                                        + name
                                        + "'")))
            .orElse(SigningAlgorithm.DEFAULT);
    boolean legacy = bool(env, LEGACY_SHORT_HMAC_KEYS, false);
    Optional<String> apiKey = env.apply(API_KEY);
    Optional<String> authToken = env.apply(AUTH_TOKEN);
    if (apiKey.isPresent() != authToken.isPresent()) {
      throw new ConfigurationException(
          "set both " + API_KEY + " and " + AUTH_TOKEN + ", or neither (then they are generated)");
    }
    apiKey.ifPresent(
        key -> {
          if (!Workspace.API_KEY.matcher(key).matches()) {
            throw new ConfigurationException(
                API_KEY + " must be 8 to 128 characters of A-Z, a-z, 0-9, '_' or '-'");
          }
        });
    authToken.ifPresent(
        token -> {
          if (token.length() < WorkspaceService.MIN_AUTH_TOKEN_LENGTH) {
            throw new ConfigurationException(
                AUTH_TOKEN
                    + " must be at least "
                    + WorkspaceService.MIN_AUTH_TOKEN_LENGTH
                    + " characters of random data (try: openssl rand -base64 32)");
          }
        });
    Optional<String> dbUrl = env.apply(DB_URL);
    dbUrl.ifPresent(
        url -> {
          if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException(
                DB_URL
                    + " must be a jdbc:postgresql: URL (leave it unset for the embedded database"
                    + " under "
                    + DATA_DIR
                    + ")");
          }
        });
    Optional<MasterKey> masterKey =
        env.apply(MASTER_KEY)
            .map(
                raw -> {
                  try {
                    return MasterKey.fromBase64(raw);
                  } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(MASTER_KEY + " " + e.getMessage());
                  }
                });
    if (dbUrl.isPresent() && masterKey.isEmpty()) {
      throw new ConfigurationException(
          MASTER_KEY
              + " is required with PostgreSQL: every instance must open the stored signing keys"
              + " with the same key (generate one: openssl rand -base64 32)");
    }
    Duration skew = Duration.ofSeconds(integer(env, CLOCK_SKEW_SECONDS, 60, 0, 600));
    Optional<Duration> rotation =
        env.apply(KEY_ROTATION_DAYS).map(days -> Duration.ofDays(integer(env, KEY_ROTATION_DAYS, 0, 1, 3650)));
    Set<SigningAlgorithm> allowed = allowedAlgorithms(env.apply(ALLOWED_ALGS));
    if (!allowed.contains(algorithm)) {
      throw new ConfigurationException(
          ALLOWED_ALGS + " must include the signing algorithm " + algorithm.joseName());
    }
    int maxGrants = integer(env, MAX_GRANTS, 1000, 1, 100_000);
    int maxBody = integer(env, MAX_BODY_BYTES, 64 * 1024, 1024, 16 * 1024 * 1024);
    int maxToken = integer(env, MAX_TOKEN_BYTES, 128 * 1024, 8 * 1024, 16 * 1024 * 1024);
    boolean nativeCrypto = bool(env, NATIVE_CRYPTO, true);
    Duration credentialCache =
        Duration.ofSeconds(
            integer(
                env,
                CREDENTIAL_CACHE_SECONDS,
                (int) AuthenticationService.DEFAULT_CACHE_FOR.toSeconds(),
                0,
                60));
    OptionalInt managementPort =
        env.apply(MANAGEMENT_PORT).isPresent()
            ? OptionalInt.of(integer(env, MANAGEMENT_PORT, 0, 0, 65_535))
            : OptionalInt.empty();
    if (managementPort.isPresent()
        && managementPort.getAsInt() != 0
        && managementPort.getAsInt() == port) {
      throw new ConfigurationException(
          MANAGEMENT_PORT + " must differ from " + PORT + " (" + port + "); leave it unset to serve"
              + " /metrics and /health on the main port");
    }
    return new Settings(
        host,
        port,
        dataDir,
        issuer,
        algorithm,
        legacy,
        apiKey,
        authToken,
        dbUrl,
        env.apply(DB_USER),
        env.apply(DB_PASSWORD),
        masterKey,
        skew,
        rotation,
        allowed,
        maxGrants,
        maxBody,
        maxToken,
        nativeCrypto,
        credentialCache,
        bool(env, VIRTUAL_THREADS, true),
        managementPort,
        Duration.ofSeconds(integer(env, SHUTDOWN_GRACE_SECONDS, 10, 0, 300)),
        new RateLimit(integer(env, RATE_LIMIT, 0, 0, RateLimit.MAX_PER_SECOND)),
        new RateLimit(
            integer(env, AUTH_FAILURE_LIMIT, DEFAULT_AUTH_FAILURE_LIMIT, 0, RateLimit.MAX_PER_SECOND)));
  }

  /**
   * {@code TOKENMINT_LOG_FORMAT} ({@code text}, the default, or {@code json}) and {@code
   * TOKENMINT_ACCESS_LOG} (default false) from {@code environment}.
   *
   * @throws ConfigurationException naming the bad variable
   */
  public static Logging logging(Map<String, String> environment) {
    Function<String, Optional<String>> env = values(environment);
    Logging.Format format =
        env.apply(LOG_FORMAT)
            .map(
                raw ->
                    switch (raw) {
                      case "text" -> Logging.Format.TEXT;
                      case "json" -> Logging.Format.JSON;
                      default ->
                          throw new ConfigurationException(
                              LOG_FORMAT + " must be text or json, got '" + raw + "'");
                    })
            .orElse(Logging.Format.TEXT);
    return new Logging(format, bool(env, ACCESS_LOG, false));
  }

  /** A variable's value, trimmed; empty when unset or blank. */
  private static Function<String, Optional<String>> values(Map<String, String> environment) {
    return name ->
        Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static Set<SigningAlgorithm> allowedAlgorithms(Optional<String> raw) {
    if (raw.isEmpty()) {
      return EnumSet.allOf(SigningAlgorithm.class);
    }
    Set<SigningAlgorithm> allowed = EnumSet.noneOf(SigningAlgorithm.class);
    for (String name : raw.get().split(",")) {
      allowed.add(
          SigningAlgorithm.fromJoseName(name.trim())
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          ALLOWED_ALGS
                              + " must list algorithms of "
                              + SigningAlgorithm.JOSE_NAMES
                              + ", got '"
                              + name.trim()
                              + "'")));
    }
    return allowed;
  }

  private static int integer(
      Function<String, Optional<String>> env, String name, int fallback, int min, int max) {
    Optional<String> raw = env.apply(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw new ConfigurationException(
        name + " must be an integer from " + min + " to " + max + ", got '" + raw.get() + "'");
  }

  private static boolean bool(Function<String, Optional<String>> env, String name, boolean fallback) {
    return env.apply(name)
        .map(
            raw ->
                switch (raw) {
                  case "true" -> true;
                  case "false" -> false;
                  default ->
                      throw new ConfigurationException(
                          name + " must be true or false, got '" + raw + "'");
                })
        .orElse(fallback);
  }

  private static String issuer(String raw) {
    try {
      URI uri = new URI(raw);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (web && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigurationException(
        ISSUER + " must be an http(s) URL without query or fragment, got '" + raw + "'");
  }

  @Override
  public String toString() {
    return "Settings[host="
        + host
        + ", port="
        + port
        + ", dataDir="
        + dataDir
        + ", issuer="
        + issuer.orElse("(stored, or from the port at the first start)")
        + ", signingAlgorithm="
        + signingAlgorithm.joseName()
        + ", apiKey="
        + apiKey.orElse("(generated)")
        + ", database="
        + (usesPostgres() ? "postgresql" : "h2 under " + dataDir)
        + ", authToken, dbPassword and masterKey redacted]";
  }
}
