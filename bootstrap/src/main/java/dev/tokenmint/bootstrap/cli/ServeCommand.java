package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.bootstrap.Logging;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Tokenmint;
import dev.tokenmint.bootstrap.Variable;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Spec;

/** {@code tokenmint serve}: run the service until the process is stopped. */
@Command(
    name = "serve",
    description = "Run the tokenmint service, configured by the environment variables below.",
    mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

  private static final String VARIABLES_SECTION = "environmentVariables";

  @Mixin Configuration configuration;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Settings settings = configuration.settings();
    Tokenmint tokenmint = Tokenmint.start(settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(tokenmint::close, "tokenmint-shutdown"));
    Logging.Format format = configuration.logging().format();
    tokenmint
        .generatedAuthToken()
        .ifPresent(token -> printGeneratedCredential(tokenmint.apiKey(), token, format));
    // Made here, not when the class loads: the command line is built while logback configures.
    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    log.info(
        "tokenmint serving on http://{}:{} (issuer {}, signing {})",
        settings.host(),
        tokenmint.port(),
        tokenmint.issuer(),
        settings.signingAlgorithm().joseName());
    return 0;
  }

  /** Lists {@link Settings#VARIABLES} in {@code serve}'s help, after the options. */
  static void describeVariables(CommandLine serve) {
    serve.getHelpSectionMap().put(VARIABLES_SECTION, ServeCommand::variables);
    List<String> sections = new ArrayList<>(serve.getHelpSectionKeys());
    sections.add(sections.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), VARIABLES_SECTION);
    serve.setHelpSectionKeys(sections);
  }

  /** Name, then meaning and default wrapped beside it, as picocli lays out options. */
  private static String variables(Help help) {
    int nameWidth =
        Settings.VARIABLES.stream().mapToInt(variable -> variable.name().length()).max().orElse(0)
            + 4;
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(nameWidth, 2, Overflow.SPAN),
            new Column(help.commandSpec().usageMessage().width() - nameWidth, 0, Overflow.WRAP));
    for (Variable<?> variable : Settings.VARIABLES) {
      table.addRowValues(variable.name(), variable.help());
    }
    return String.format("%nEnvironment variables:%n") + table;
  }

  private void printGeneratedCredential(String apiKey, String authToken, Logging.Format format) {
    // Printed once to the terminal, deliberately not through the logger: log pipelines keep
    // everything, and this secret must only be seen by whoever started the service. With JSON
    // logs, on standard error: standard output then holds nothing but JSON lines.
    PrintWriter out =
        format == Logging.Format.JSON ? spec.commandLine().getErr() : spec.commandLine().getOut();
    out.println(
        "No TOKENMINT_API_KEY / TOKENMINT_AUTH_TOKEN given: generated an admin credential.");
    out.println("It is shown only now; store it safely.");
    out.println("  TOKENMINT_API_KEY=" + apiKey);
    out.println("  TOKENMINT_AUTH_TOKEN=" + authToken);
    out.flush();
  }
}
