package dev.tokenmint.bootstrap;

import static dev.tokenmint.bootstrap.Variable.Values.bool;
import static dev.tokenmint.bootstrap.Variable.Values.integer;
import static dev.tokenmint.bootstrap.Variable.Values.matching;
import static dev.tokenmint.bootstrap.Variable.Values.of;
import static dev.tokenmint.bootstrap.Variable.Values.seconds;
import static dev.tokenmint.bootstrap.Variable.Values.text;
import static dev.tokenmint.bootstrap.Variable.optional;
import static dev.tokenmint.bootstrap.Variable.withDefault;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.application.service.AuthenticationService;
import dev.tokenmint.application.service.WorkspaceService;
import dev.tokenmint.bootstrap.Variable.Values;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * tokenmint's configuration, read from {@code TOKENMINT_*} environment variables (README,
 * Configuration), each declared once below with its default, the values it accepts and what it
 * means. Every value is checked at start; a bad one stops the start with one line naming the
 * variable. An unknown {@code TOKENMINT_*} variable is refused too: a typo must not silently fall
 * back to a default.
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
    Duration keyCache,
    boolean virtualThreads,
    OptionalInt managementPort,
    Duration shutdownGrace,
    RateLimit rateLimit,
    RateLimit authFailureLimit) {

  /** The prefix of tokenmint's variables; {@code TOKENMINT_TEST_*} ones are the tests' own. */
  private static final String PREFIX = "TOKENMINT_";

  // Each variable once, in the README's order: its name, the values it accepts, its default (or
  // what holds when it is unset) and what it means.

  static final Variable<Integer> PORT =
      withDefault("TOKENMINT_PORT", integer(0, 65_535), "8080", "HTTP port; 0 picks any free port");
  static final Variable<String> HOST =
      withDefault(
          "TOKENMINT_HOST", text(), "127.0.0.1", "interface to listen on; 0.0.0.0 in a container");
  static final Variable<Path> DATA_DIR =
      withDefault(
          "TOKENMINT_DATA_DIR",
          text().map(Path::of),
          "./data",
          "the embedded H2 database and, without TOKENMINT_MASTER_KEY, the generated master.key");
  static final Variable<Optional<String>> DB_URL =
      optional(
          "TOKENMINT_DB_URL",
          matching(
              "a jdbc:postgresql: URL",
              url -> url.startsWith("jdbc:postgresql:"),
              " (leave it unset for the embedded database under " + DATA_DIR.name() + ")"),
          "unset, the embedded H2 database",
          "keep the state in PostgreSQL instead");
  static final Variable<Optional<String>> DB_USER =
      optional(
          "TOKENMINT_DB_USER",
          text(),
          "unset, pgjdbc connects as the operating-system user running tokenmint",
          "the PostgreSQL user");
  static final Variable<Optional<String>> DB_PASSWORD =
      optional(
          "TOKENMINT_DB_PASSWORD",
          text(),
          "unset, pgjdbc looks in ~/.pgpass",
          "the PostgreSQL user's password");
  static final Variable<Optional<MasterKey>> MASTER_KEY =
      optional(
          "TOKENMINT_MASTER_KEY",
          new Values<>("Base64 of 32 random bytes: openssl rand -base64 32", MasterKey::fromBase64),
          "generated into " + DATA_DIR.name() + "/master.key",
          "seals the private signing keys; required with PostgreSQL");
  static final Variable<Optional<String>> ISSUER =
      optional(
          "TOKENMINT_ISSUER",
          of("an http(s) URL without query or fragment", Settings::webUrl),
          "http://localhost:<port listened on> at the first start",
          "the iss of tokens (other workspaces get <issuer>/workspaces/<apiKey>), fixed at the"
              + " first start and stored");
  static final Variable<SigningAlgorithm> SIGNING_ALG =
      withDefault(
          "TOKENMINT_SIGNING_ALG",
          of("one of " + SigningAlgorithm.JOSE_NAMES, SigningAlgorithm::fromJoseName),
          SigningAlgorithm.DEFAULT.joseName(),
          "algorithm of new signing keys");
  static final Variable<Optional<String>> API_KEY =
      optional(
          "TOKENMINT_API_KEY",
          matching(
              "8 to 128 characters of A-Z, a-z, 0-9, '_' or '-'",
              key -> Workspace.API_KEY.matcher(key).matches(),
              ""),
          "generated at first start and printed once",
          "the default workspace's API key; set with TOKENMINT_AUTH_TOKEN or not at all");
  static final Variable<Optional<String>> AUTH_TOKEN =
      optional(
          "TOKENMINT_AUTH_TOKEN",
          matching(
              "at least " + WorkspaceService.MIN_AUTH_TOKEN_LENGTH + " characters of random data",
              token -> token.length() >= WorkspaceService.MIN_AUTH_TOKEN_LENGTH,
              " (try: openssl rand -base64 32)"),
          "generated at first start and printed once",
          "the default workspace's admin auth token");
  static final Variable<Boolean> LEGACY_SHORT_HMAC_KEYS =
      withDefault(
          "TOKENMINT_LEGACY_SHORT_HMAC_KEYS",
          bool(),
          "false",
          "accept Datafor privateKeys shorter than 256 bits");
  static final Variable<Optional<Duration>> KEY_ROTATION_DAYS =
      optional(
          "TOKENMINT_KEY_ROTATION_DAYS",
          integer(1, 3650).map(Duration::ofDays),
          "unset, no scheduled rotation",
          "rotate every workspace's signing key once it is this many days old");
  static final Variable<Duration> CLOCK_SKEW_SECONDS =
      withDefault(
          "TOKENMINT_CLOCK_SKEW_SECONDS",
          seconds(0, 600),
          "60",
          "skew tolerated on exp, nbf and iat when verifying");
  static final Variable<Set<SigningAlgorithm>> ALLOWED_ALGS =
      withDefault(
          "TOKENMINT_ALLOWED_ALGS",
          new Values<>("a comma list of " + SigningAlgorithm.JOSE_NAMES, Settings::algorithms),
          String.join(",", SigningAlgorithm.JOSE_NAMES),
          "the algorithms tokens may be verified with; must include TOKENMINT_SIGNING_ALG");
  static final Variable<Integer> MAX_GRANTS =
      withDefault(
          "TOKENMINT_MAX_GRANTS", integer(1, 100_000), "1000", "most grants one token may carry");
  static final Variable<Integer> MAX_BODY_BYTES =
      withDefault(
          "TOKENMINT_MAX_BODY_BYTES",
          integer(1024, 16 * 1024 * 1024),
          "" + 64 * 1024,
          "largest request body");
  static final Variable<Integer> MAX_TOKEN_BYTES =
      withDefault(
          "TOKENMINT_MAX_TOKEN_BYTES",
          integer(8 * 1024, 16 * 1024 * 1024),
          "" + 128 * 1024,
          "largest token");
  static final Variable<Boolean> NATIVE_CRYPTO =
      withDefault(
          "TOKENMINT_NATIVE_CRYPTO",
          bool(),
          "true",
          "sign with Amazon Corretto Crypto Provider where it loads; false: pure-Java providers"
              + " only");
  static final Variable<Duration> CREDENTIAL_CACHE_SECONDS =
      withDefault(
          "TOKENMINT_CREDENTIAL_CACHE_SECONDS",
          seconds(0, 60),
          "" + AuthenticationService.DEFAULT_CACHE_FOR.toSeconds(),
          "how long an authenticated credential is remembered; 0: a revoked one is refused at"
              + " once");

  /**
   * The longest any instance may remember an active key: the overlap counts this, not an instance's
   * own setting, since another instance on the same database may have the longest.
   */
  static final Duration MAX_KEY_CACHE = Duration.ofSeconds(60);

  static final Variable<Duration> KEY_CACHE_SECONDS =
      withDefault(
          "TOKENMINT_KEY_CACHE_SECONDS",
          seconds(0, (int) MAX_KEY_CACHE.toSeconds()),
          "1",
          "how long an instance signs with the active key it read before reading it again; a key"
              + " activated by another instance or the command line is signed with within this"
              + " time; 0: read for every token");
  static final Variable<Boolean> VIRTUAL_THREADS =
      withDefault(
          "TOKENMINT_VIRTUAL_THREADS",
          bool(),
          "true",
          "run requests on virtual threads, on JDK 21 and newer");
  static final Variable<Optional<Integer>> MANAGEMENT_PORT =
      optional(
          "TOKENMINT_MANAGEMENT_PORT",
          integer(0, 65_535),
          "unset: on " + PORT.name(),
          "serve /metrics and /health/* only on this port (same host); 0: any free port");
  static final Variable<Duration> SHUTDOWN_GRACE_SECONDS =
      withDefault(
          "TOKENMINT_SHUTDOWN_GRACE_SECONDS",
          seconds(0, 300),
          "10",
          "on SIGTERM, how long requests in flight may take to finish");
  static final Variable<Logging.Format> LOG_FORMAT =
      withDefault(
          "TOKENMINT_LOG_FORMAT",
          of(
              "text or json",
              text ->
                  Arrays.stream(Logging.Format.values())
                      .filter(format -> format.wireName().equals(text))
                      .findFirst()),
          Logging.Format.TEXT.wireName(),
          "the log lines; json: one JSON object per line on standard output");
  static final Variable<Boolean> ACCESS_LOG =
      withDefault(
          "TOKENMINT_ACCESS_LOG",
          bool(),
          "false",
          "log one line per request: method, route, status, duration, request id, workspace");
  static final Variable<RateLimit> RATE_LIMIT =
      withDefault(
          "TOKENMINT_RATE_LIMIT",
          perSecond(),
          "0",
          "requests a second per credential, in bursts of as many; a workspace may have its own"
              + " (workspace limit); 0: no limit");
  static final Variable<RateLimit> AUTH_FAILURE_LIMIT =
      withDefault(
          "TOKENMINT_AUTH_FAILURE_LIMIT",
          perSecond(),
          "20",
          "failed authentications a second per client address, in bursts of as many; over it,"
              + " even a right credential gets 429 for a moment; 0: no limit");

  /** Every variable tokenmint reads, in the README's order. */
  public static final List<Variable<?>> VARIABLES =
      List.of(
          PORT,
          HOST,
          DATA_DIR,
          DB_URL,
          DB_USER,
          DB_PASSWORD,
          MASTER_KEY,
          ISSUER,
          SIGNING_ALG,
          API_KEY,
          AUTH_TOKEN,
          LEGACY_SHORT_HMAC_KEYS,
          KEY_ROTATION_DAYS,
          CLOCK_SKEW_SECONDS,
          ALLOWED_ALGS,
          MAX_GRANTS,
          MAX_BODY_BYTES,
          MAX_TOKEN_BYTES,
          NATIVE_CRYPTO,
          CREDENTIAL_CACHE_SECONDS,
          KEY_CACHE_SECONDS,
          VIRTUAL_THREADS,
          MANAGEMENT_PORT,
          SHUTDOWN_GRACE_SECONDS,
          LOG_FORMAT,
          ACCESS_LOG,
          RATE_LIMIT,
          AUTH_FAILURE_LIMIT);

  /** Keeps the set of allowed algorithms unmodifiable. */
  public Settings {
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
    refuseUnknown(environment);
    // Applied by Main before anything logs (Logging says why); checked here so that a bad value
    // stops the start in one line like any other.
    logging(environment);

    int port = PORT.read(environment);
    Optional<String> apiKey = API_KEY.read(environment);
    Optional<String> authToken = AUTH_TOKEN.read(environment);
    if (apiKey.isPresent() != authToken.isPresent()) {
      throw new ConfigurationException(
          "set both "
              + API_KEY.name()
              + " and "
              + AUTH_TOKEN.name()
              + ", or neither (then they are generated)");
    }
    Optional<String> dbUrl = DB_URL.read(environment);
    Optional<MasterKey> masterKey = MASTER_KEY.read(environment);
    if (dbUrl.isPresent() && masterKey.isEmpty()) {
      throw new ConfigurationException(
          MASTER_KEY.name()
              + " is required with PostgreSQL: every instance must open the stored signing keys"
              + " with the same key (generate one: openssl rand -base64 32)");
    }
    SigningAlgorithm algorithm = SIGNING_ALG.read(environment);
    Set<SigningAlgorithm> allowed = ALLOWED_ALGS.read(environment);
    if (!allowed.contains(algorithm)) {
      throw new ConfigurationException(
          ALLOWED_ALGS.name() + " must include the signing algorithm " + algorithm.joseName());
    }
    Optional<Integer> managementPort = MANAGEMENT_PORT.read(environment);
    if (managementPort.isPresent() && managementPort.get() != 0 && managementPort.get() == port) {
      throw new ConfigurationException(
          MANAGEMENT_PORT.name()
              + " must differ from "
              + PORT.name()
              + " ("
              + port
              + "); leave it unset to serve /metrics and /health on the main port");
    }
    return new Settings(
        HOST.read(environment),
        port,
        DATA_DIR.read(environment),
        ISSUER.read(environment),
        algorithm,
        LEGACY_SHORT_HMAC_KEYS.read(environment),
        apiKey,
        authToken,
        dbUrl,
        DB_USER.read(environment),
        DB_PASSWORD.read(environment),
        masterKey,
        CLOCK_SKEW_SECONDS.read(environment),
        KEY_ROTATION_DAYS.read(environment),
        allowed,
        MAX_GRANTS.read(environment),
        MAX_BODY_BYTES.read(environment),
        MAX_TOKEN_BYTES.read(environment),
        NATIVE_CRYPTO.read(environment),
        CREDENTIAL_CACHE_SECONDS.read(environment),
        KEY_CACHE_SECONDS.read(environment),
        VIRTUAL_THREADS.read(environment),
        managementPort.map(OptionalInt::of).orElse(OptionalInt.empty()),
        SHUTDOWN_GRACE_SECONDS.read(environment),
        RATE_LIMIT.read(environment),
        AUTH_FAILURE_LIMIT.read(environment));
  }

  /**
   * {@code TOKENMINT_LOG_FORMAT} ({@code text}, the default, or {@code json}) and {@code
   * TOKENMINT_ACCESS_LOG} (default false) from {@code environment}.
   *
   * @throws ConfigurationException naming the bad variable
   */
  public static Logging logging(Map<String, String> environment) {
    return new Logging(LOG_FORMAT.read(environment), ACCESS_LOG.read(environment));
  }

  /** Refuses a {@code TOKENMINT_*} variable tokenmint does not read: a typo must not go unseen. */
  private static void refuseUnknown(Map<String, String> environment) {
    Set<String> known =
        VARIABLES.stream().map(Variable::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> unknown =
        environment.keySet().stream()
            .filter(name -> name.startsWith(PREFIX) && !name.startsWith(PREFIX + "TEST_"))
            .filter(name -> !known.contains(name))
            .collect(Collectors.toCollection(TreeSet::new));
    if (!unknown.isEmpty()) {
      throw new ConfigurationException("unknown setting " + unknown + "; tokenmint reads " + known);
    }
  }

  /** Requests a second, 0 for no limit. */
  private static Values<RateLimit> perSecond() {
    return integer(0, RateLimit.MAX_PER_SECOND).map(RateLimit::new);
  }

  /** A comma list of JOSE names. */
  private static Set<SigningAlgorithm> algorithms(String list) {
    Set<SigningAlgorithm> algorithms = EnumSet.noneOf(SigningAlgorithm.class);
    for (String name : list.split(",")) {
      algorithms.add(
          SigningAlgorithm.fromJoseName(name.trim())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "must list algorithms of "
                              + SigningAlgorithm.JOSE_NAMES
                              + ", got '"
                              + name.trim()
                              + "'")));
    }
    return algorithms;
  }

  /** An http(s) URL with a host and no query or fragment, without a trailing slash. */
  private static Optional<String> webUrl(String text) {
    try {
      URI uri = new URI(text);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (web && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
        return Optional.of(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      }
    } catch (URISyntaxException e) {
      // refused by the caller, with what is accepted
    }
    return Optional.empty();
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
