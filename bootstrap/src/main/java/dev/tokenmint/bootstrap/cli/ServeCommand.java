package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Tokenmint;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tokenmint serve}: run the service until the process is stopped. */
@Command(
    name = "serve",
    description = "Run the tokenmint service, configured by TOKENMINT_* environment variables.",
    mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

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
    tokenmint
        .generatedAuthToken()
        .ifPresent(token -> printGeneratedCredential(tokenmint.apiKey(), token));
    LOG.info(
        "tokenmint serving on http://{}:{} (issuer {}, signing {})",
        settings.host(),
        tokenmint.port(),
        tokenmint.issuer(),
        settings.signingAlgorithm().joseName());
    return 0;
  }

  private void printGeneratedCredential(String apiKey, String authToken) {
    // Printed once to the terminal, deliberately not through the logger: log pipelines keep
    // everything, and this secret must only be seen by whoever started the service.
    PrintWriter out = spec.commandLine().getOut();
    out.println("No TOKENMINT_API_KEY / TOKENMINT_AUTH_TOKEN given: generated an admin credential.");
    out.println("It is shown only now; store it safely.");
    out.println("  TOKENMINT_API_KEY=" + apiKey);
    out.println("  TOKENMINT_AUTH_TOKEN=" + authToken);
    out.flush();
  }
}
