package dev.tokenmint.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command line built for the command its arguments name reads that command as the full one. */
class NamedCommandTest {

  private static final Environment NONE = new Environment(Map.of());

  @Test
  void a_named_command_is_built_alone_and_reads_as_in_the_full_command_line() {
    CommandLine full = Main.commandLine(NONE);
    assertThat(full.getSubcommands()).hasSizeGreaterThan(1);
    for (String name : full.getSubcommands().keySet()) {
      CommandLine narrowed = Main.commandLineFor(NONE, name, "--help");
      assertThat(narrowed.getSubcommands()).containsOnlyKeys(name);
      assertThat(usage(narrowed.getSubcommands().get(name)))
          .as(name)
          .isEqualTo(usage(full.getSubcommands().get(name)));
    }
  }

  @Test
  void no_command_an_option_or_a_misspelt_command_gets_every_command() {
    int all = Main.commandLine(NONE).getSubcommands().size();
    assertThat(Main.commandLineFor(NONE).getSubcommands()).hasSize(all);
    assertThat(Main.commandLineFor(NONE, "--help").getSubcommands()).hasSize(all);
    assertThat(Main.commandLineFor(NONE, "serv").getSubcommands()).hasSize(all);
  }

  private static String usage(CommandLine command) {
    StringBuilder text = new StringBuilder(command.getUsageMessage());
    command.getSubcommands().values().forEach(sub -> text.append(sub.getUsageMessage()));
    return text.toString();
  }
}
