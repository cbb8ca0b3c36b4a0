package dev.tokenmint.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The README's command table names every command with what it requires, as picocli parses it. */
class CliDocsTest {

  private static final Path README = Path.of("..", "README.md");

  /** Every command that runs something, with its path: {@code credential create}. */
  private static List<CommandSpec> leaves(CommandLine command) {
    List<CommandSpec> leaves = new ArrayList<>();
    if (command.getCommandSpec().usageMessage().hidden()) {
      return leaves; // not for operators (the build's training run)
    }
    if (command.getSubcommands().isEmpty()) {
      leaves.add(command.getCommandSpec());
    }
    command.getSubcommands().values().forEach(sub -> leaves.addAll(leaves(sub)));
    return leaves;
  }

  /**
   * What a call must say: {@code --workspace API_KEY}, {@code --role issuer|admin}, {@code NAME}.
   */
  private static List<String> required(CommandSpec command) {
    List<String> required = new ArrayList<>();
    for (OptionSpec option : command.options()) {
      if (option.required()) {
        required.add(option.longestName() + " " + option.paramLabel());
      }
    }
    for (PositionalParamSpec parameter : command.positionalParameters()) {
      if (parameter.required()) {
        required.add(parameter.paramLabel());
      }
    }
    return required;
  }

  /** The code spans of the README, with Markdown's table escape of {@code |} undone. */
  private static List<String> codeSpans() throws IOException {
    List<String> spans = new ArrayList<>();
    Matcher span = Pattern.compile("`([^`\\n]+)`").matcher(Files.readString(README));
    while (span.find()) {
      spans.add(span.group(1).replace("\\|", "|"));
    }
    return spans;
  }

  @Test
  void the_readme_shows_every_command_with_every_option_and_parameter_it_requires()
      throws IOException {
    List<String> spans = codeSpans();
    List<CommandSpec> commands = leaves(Main.commandLine(new Environment(Map.of())));

    assertThat(commands).hasSizeGreaterThanOrEqualTo(9);
    for (CommandSpec command : commands) {
      String path = command.qualifiedName(" ").substring("tokenmint ".length());
      List<String> required = required(command);
      List<String> complete =
          spans.stream()
              .filter(span -> span.equals(path) || span.startsWith(path + " "))
              .filter(span -> required.stream().allMatch(span::contains))
              .toList();
      assertThat(complete).as("README code spans `%s` naming %s", path, required).isNotEmpty();
    }
  }
}
