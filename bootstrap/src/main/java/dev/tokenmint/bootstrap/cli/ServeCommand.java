package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.bootstrap.Logging;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Tokenmint;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Spec;

/** {@code tokenmint serve}: run the service until the process is stopped. */
@Command(
    name = "serve",
    description = "Run the tokenmint service, configured by the environment variables below.",
    mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  /** One variable of the configuration, as {@code serve --help} lists it. */
  record Variable(String name, String meaning, String byDefault) {}

  /**
   * Every variable {@link Settings} reads, in the README's order. The names repeat Settings'
   * (ServeHelpTest fails when the two lists differ); the defaults are the ones Settings applies.
   */
  static final List<Variable> VARIABLES =
      List.of(
          new Variable("TOKENMINT_PORT", "HTTP port; 0 picks any free port", "8080"),
          new Variable(
              "TOKENMINT_HOST", "interface to listen on; 0.0.0.0 in a container", "127.0.0.1"),
          new Variable(
              "TOKENMINT_DATA_DIR",
              "the embedded H2 database and, without TOKENMINT_MASTER_KEY, the generated"
                  + " master.key",
              "./data"),
          new Variable(
              "TOKENMINT_DB_URL",
              "a jdbc:postgresql: URL: state in PostgreSQL instead",
              "unset, the embedded H2 database"),
          new Variable(
              "TOKENMINT_DB_USER",
              "the PostgreSQL user",
              "unset, pgjdbc connects as the operating-system user running tokenmint"),
          new Variable(
              "TOKENMINT_DB_PASSWORD",
              "the PostgreSQL user's password",
              "unset, pgjdbc looks in ~/.pgpass"),
          new Variable(
              "TOKENMINT_MASTER_KEY",
              "Base64 of 32 random bytes sealing the private signing keys (openssl rand -base64"
                  + " 32); required with PostgreSQL",
              "generated into TOKENMINT_DATA_DIR/master.key"),
          new Variable(
              "TOKENMINT_ISSUER",
              "the iss of tokens, an http(s) URL, fixed at the first start and stored; other"
                  + " workspaces get <issuer>/workspaces/<apiKey>",
              "http://localhost:<port listened on> at the first start"),
          new Variable(
              "TOKENMINT_SIGNING_ALG",
              "algorithm of new signing keys: ES256, EdDSA, RS256, PS256 or HS256",
              "ES256"),
          new Variable(
              "TOKENMINT_API_KEY",
              "the default workspace's API key; set with TOKENMINT_AUTH_TOKEN or not at all",
              "generated at first start and printed once"),
          new Variable(
              "TOKENMINT_AUTH_TOKEN",
              "the default workspace's admin auth token, at least 32 characters",
              "generated at first start and printed once"),
          new Variable(
              "TOKENMINT_LEGACY_SHORT_HMAC_KEYS",
              "accept Datafor privateKeys shorter than 256 bits",
              "false"),
          new Variable(
              "TOKENMINT_KEY_ROTATION_DAYS",
              "rotate every workspace's signing key once it is this many days old",
              "unset, no scheduled rotation"),
          new Variable(
              "TOKENMINT_CLOCK_SKEW_SECONDS",
              "skew tolerated on exp, nbf and iat when verifying (0-600)",
              "60"),
          new Variable(
              "TOKENMINT_ALLOWED_ALGS",
              "comma list of the algorithms tokens may be verified with; must include"
                  + " TOKENMINT_SIGNING_ALG",
              "all five"),
          new Variable("TOKENMINT_MAX_GRANTS", "most grants one token may carry", "1000"),
          new Variable("TOKENMINT_MAX_BODY_BYTES", "largest request body", "65536"),
          new Variable("TOKENMINT_MAX_TOKEN_BYTES", "largest token", "131072"),
          new Variable(
              "TOKENMINT_NATIVE_CRYPTO",
              "sign with Amazon Corretto Crypto Provider where it loads; false: pure-Java"
                  + " providers only",
              "true"),
          new Variable(
              "TOKENMINT_CREDENTIAL_CACHE_SECONDS",
              "how long an authenticated credential is remembered (0-60); 0: a revoked one is"
                  + " refused at once",
              "1"),
          new Variable(
              "TOKENMINT_VIRTUAL_THREADS",
              "run requests on virtual threads (JDK 21 and newer; ignored on 17)",
              "true"),
          new Variable(
              "TOKENMINT_MANAGEMENT_PORT",
              "serve /metrics and /health/* only on this port (same host); 0: any free port",
              "unset: on TOKENMINT_PORT"),
          new Variable(
              "TOKENMINT_SHUTDOWN_GRACE_SECONDS",
              "on SIGTERM, how long requests in flight may take to finish (0 to 300)",
              "10"),
          new Variable(
              "TOKENMINT_LOG_FORMAT",
              "text, or json: one JSON object per line on standard output",
              "text"),
          new Variable(
              "TOKENMINT_ACCESS_LOG",
              "log one line per request: method, route, status, duration, request id, workspace",
              "false"),
          new Variable(
              "TOKENMINT_RATE_LIMIT",
              "requests a second per credential, in bursts of as many; a workspace may have its"
                  + " own (workspace limit); 0: no limit",
              "0"),
          new Variable(
              "TOKENMINT_AUTH_FAILURE_LIMIT",
              "failed authentications a second per client address, in bursts of as many; over"
                  + " it, even a right credential gets 429 for a moment; 0: no limit",
              "20"));

  private static final String VARIABLES_SECTION = "environmentVariables";

  private final Environment environment;

  @Spec CommandSpec spec;

  ServeCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Settings settings = Settings.fromEnvironment(environment.variables());
    Tokenmint tokenmint = Tokenmint.start(settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(tokenmint::close, "tokenmint-shutdown"));
    Logging.Format format = Settings.logging(environment.variables()).format();
    tokenmint
        .generatedAuthToken()
        .ifPresent(token -> printGeneratedCredential(tokenmint.apiKey(), token, format));
    LOG.info(
        "tokenmint serving on http://{}:{} (issuer {}, signing {})",
        settings.host(),
        tokenmint.port(),
        tokenmint.issuer(),
        settings.signingAlgorithm().joseName());
    return 0;
  }

  /** Lists {@link #VARIABLES} in {@code serve}'s help, after the options. */
  static void describeVariables(CommandLine serve) {
    serve.getHelpSectionMap().put(VARIABLES_SECTION, ServeCommand::variables);
    List<String> sections = new ArrayList<>(serve.getHelpSectionKeys());
    sections.add(sections.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), VARIABLES_SECTION);
    serve.setHelpSectionKeys(sections);
  }

  /** Name, then meaning and default wrapped beside it, as picocli lays out options. */
  private static String variables(Help help) {
    int nameWidth =
        VARIABLES.stream().mapToInt(variable -> variable.name().length()).max().orElse(0) + 4;
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(nameWidth, 2, Overflow.SPAN),
            new Column(
                help.commandSpec().usageMessage().width() - nameWidth, 0, Overflow.WRAP));
    for (Variable variable : VARIABLES) {
      table.addRowValues(
          variable.name(), variable.meaning() + ". Default: " + variable.byDefault());
    }
    return String.format("%nEnvironment variables:%n") + table;
  }

  private void printGeneratedCredential(String apiKey, String authToken, Logging.Format format) {
    // Printed once to the terminal, deliberately not through the logger: log pipelines keep
    // everything, and this secret must only be seen by whoever started the service. With JSON
    // logs, on standard error: standard output then holds nothing but JSON lines.
    PrintWriter out =
        format == Logging.Format.JSON ? spec.commandLine().getErr() : spec.commandLine().getOut();
    out.println("No TOKENMINT_API_KEY / TOKENMINT_AUTH_TOKEN given: generated an admin credential.");
    out.println("It is shown only now; store it safely.");
    out.println("  TOKENMINT_API_KEY=" + apiKey);
    out.println("  TOKENMINT_AUTH_TOKEN=" + authToken);
    out.flush();
  }
}
