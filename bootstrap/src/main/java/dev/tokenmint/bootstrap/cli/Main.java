package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.bootstrap.ConfigurationException;
import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.StartTasks;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.TokenmintException;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The {@code tokenmint} command line. */
@Command(
    name = "tokenmint",
    description = "Self-hostable token issuance service.",
    mixinStandardHelpOptions = true,
    version = "tokenmint 0.1.0")
public final class Main implements Callable<Integer> {

  /** The commands, in the order the usage lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          ServeCommand.class,
          WorkspaceCommand.class,
          CredentialCommand.class,
          KeysCommand.class,
          AuditCommand.class,
          TrainCommand.class);

  /** Exit code for bad configuration or a refused start. */
  static final int EXIT_CONFIGURATION = 2;

  /** Exit code for a command line that names no command (picocli's for usage mistakes too). */
  static final int EXIT_USAGE = 2;

  /** Exit code for an unexpected failure. */
  static final int EXIT_FAILURE = 1;

  /** Runs the command line and exits with its code when it fails (a server keeps running). */
  public static void main(String[] args) {
    Environment environment = Environment.ofProcess();
    // Logback reads its configuration (a tenth of a start) on another thread while this one builds
    // the command line, which makes no logger: the commands make theirs when they run.
    CompletableFuture<Void> logging = new CompletableFuture<>();
    Thread preparing =
        new Thread(
            () -> {
              try {
                prepareLogging(environment);
                logging.complete(null);
              } catch (RuntimeException | Error e) {
                logging.completeExceptionally(e);
                return;
              }
              // The JDK's list of locales, which Jetty reads when the server is built (a twentieth
              // of a start), read meanwhile: the JDK keeps it.
              Locale.getAvailableLocales();
            },
            "tokenmint-logging");
    preparing.setDaemon(true);
    preparing.start();
    CommandLine commandLine = commandLineFor(environment, args);
    StartTasks.joined(logging);
    int code = commandLine.execute(args);
    if (code != 0) {
      System.exit(code); // the one exit of the process: its code is the caller's only signal
    }
  }

  /**
   * Sets logback up as {@code TOKENMINT_LOG_FORMAT} and {@code TOKENMINT_ACCESS_LOG} say, and sends
   * {@code java.util.logging} (pgjdbc's, ACCP's) through it, so that every line comes out in the
   * one format. Before anything logs: logback reads its configuration once, when the first logger
   * is made (the commands make theirs when they run, not when the command line is built). A bad
   * value is left for the command to refuse, with the rest of its settings, in one line; logback
   * starts in text.
   */
  private static void prepareLogging(Environment environment) {
    try {
      Settings.logging(environment.variables()).configureLogback();
    } catch (ConfigurationException e) {
      // refused by Settings.fromEnvironment when the command reads its settings
    }
    LoggerFactory.getILoggerFactory(); // reads the configuration
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  /**
   * The command line reading settings from {@code environment}, with failures reported as one line
   * on standard error.
   */
  public static CommandLine commandLine(Environment environment) {
    return commandLine(environment, COMMANDS);
  }

  /**
   * The command the arguments name first, alone, when they name one: picocli reads the annotations
   * of every command it is given, and its classes (compiled for Java 5) are the one part of a start
   * the class-data archive cannot hold, so a server's start reads serve's alone. Anything else (no
   * command, an option, a misspelt command) gets them all, for the usage and the suggestions.
   */
  static CommandLine commandLineFor(Environment environment, String... args) {
    if (args.length > 0) {
      for (Class<?> command : COMMANDS) {
        if (command.getAnnotation(Command.class).name().equals(args[0])) {
          return commandLine(environment, List.of(command));
        }
      }
    }
    return commandLine(environment, COMMANDS);
  }

  private static CommandLine commandLine(Environment environment, List<Class<?>> commands) {
    CommandLine commandLine = new CommandLine(new Main(), new Factory(environment));
    commands.forEach(commandLine::addSubcommand);
    commandLine.registerConverter(
        CredentialRole.class, byName(CredentialRole.WIRE_NAMES, CredentialRole::fromWireName));
    commandLine.registerConverter(
        SigningAlgorithm.class,
        byName(SigningAlgorithm.JOSE_NAMES, SigningAlgorithm::fromJoseName));
    commandLine.registerConverter(
        AuditKind.class, byName(AuditKind.WIRE_NAMES, AuditKind::fromWireName));
    CommandLine serve = commandLine.getSubcommands().get("serve");
    if (serve != null) {
      ServeCommand.describeVariables(serve);
    }
    commandLine.setExecutionExceptionHandler(
        (failure, cmd, parseResult) -> {
          cmd.getErr().println("tokenmint: " + oneLine(failure));
          cmd.getErr().flush();
          return failure instanceof ConfigurationException
                  || failure instanceof TokenmintException
                  || rootCause(failure) instanceof java.net.BindException
              ? EXIT_CONFIGURATION
              : EXIT_FAILURE;
        });
    return commandLine;
  }

  /** Reads a value by its name on the wire ({@code issuer}, {@code ES256}), else names them all. */
  private static <T> ITypeConverter<T> byName(
      List<String> names, Function<String, Optional<T>> lookup) {
    return value ->
        lookup
            .apply(value.strip())
            .orElseThrow(
                () ->
                    new TypeConversionException(
                        "must be one of " + names + ", got '" + value.strip() + "'"));
  }

  /** Builds commands and their mixins, handing the {@link Configuration} its environment. */
  private record Factory(Environment environment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        var constructor = type.getDeclaredConstructor(Environment.class);
        return constructor.newInstance(environment);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }

  @Spec CommandSpec spec;

  /** Without a command: the usage on standard error, and exit code 2, as for any usage mistake. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("tokenmint: missing command");
    spec.commandLine().usage(err);
    err.flush();
    return EXIT_USAGE;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String oneLine(Exception failure) {
    if (failure instanceof ConfigurationException || failure instanceof TokenmintException) {
      return failure.getMessage();
    }
    Throwable root = rootCause(failure);
    if (root instanceof java.net.BindException) {
      return "cannot listen: " + root.getMessage() + " (check TOKENMINT_HOST and TOKENMINT_PORT)";
    }
    return "failed to start: " + root.getMessage();
  }
}
