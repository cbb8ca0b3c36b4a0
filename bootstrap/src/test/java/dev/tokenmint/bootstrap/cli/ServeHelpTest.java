package dev.tokenmint.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.bootstrap.Settings;
import dev.tokenmint.bootstrap.Variable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve --help} tells an operator every variable, so nobody needs the README at hand. */
class ServeHelpTest {

  /** A variable's first line: two spaces, its name, its text. */
  private static final Pattern FIRST_LINE = Pattern.compile("^  (TOKENMINT_[A-Z_]+) +(\\S.*)$");

  /** A wrapped line of a variable's text: indented past the names. */
  private static final Pattern NEXT_LINE = Pattern.compile("^ {10,}(\\S.*)$");

  private static String serveHelp() {
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine(new Environment(Map.of()));
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute("serve", "--help")).isZero();
    return out.toString();
  }

  /** Each variable listed in the help, with its text unwrapped. */
  private static Map<String, String> variables(String help) {
    Map<String, String> variables = new LinkedHashMap<>();
    String current = null;
    for (String line : help.lines().toList()) {
      Matcher first = FIRST_LINE.matcher(line);
      Matcher next = NEXT_LINE.matcher(line);
      if (first.matches()) {
        current = first.group(1);
        variables.put(current, first.group(2));
      } else if (current != null && next.matches()) {
        variables.merge(current, next.group(1), (text, more) -> text + " " + more);
      } else {
        current = null;
      }
    }
    return variables;
  }

  @Test
  void serve_help_lists_every_variable_tokenmint_reads_and_no_other() {
    assertThat(variables(serveHelp()).keySet())
        .containsExactlyElementsOf(Settings.VARIABLES.stream().map(Variable::name).toList());
  }

  @Test
  void each_variable_in_serve_help_has_a_meaning_and_a_default() {
    Map<String, String> variables = variables(serveHelp());

    assertThat(variables)
        .isNotEmpty()
        .allSatisfy((name, text) -> assertThat(text).as(name).matches("\\S.*\\. Default: \\S.*"));
    assertThat(variables.get("TOKENMINT_PORT")).endsWith("Default: 8080");
    assertThat(variables.get("TOKENMINT_DB_USER")).contains("operating-system user");
  }

  @Test
  void serve_help_lines_fit_a_terminal() {
    assertThat(serveHelp().lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }
}
