package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is written by hand; its rows are checked against the variables
 * {@link Settings} declares: every one named, in the same order, with the default it applies.
 */
class ReadmeConfigurationTest {

  private static final Path README = Path.of("..", "README.md");

  private static final Pattern NAME = Pattern.compile("`(TOKENMINT_[A-Z_]+)`");

  /** The table's default cell of each variable, in the README's order. */
  private static Map<String, String> rows() throws IOException {
    String readme = Files.readString(README);
    int section = readme.indexOf("\n## Configuration\n");
    assertThat(section).as("the README's Configuration section").isNotNegative();
    int end = readme.indexOf("\n## ", section + 1);
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : readme.substring(section, end).lines().toList()) {
      if (!line.startsWith("| `TOKENMINT_")) {
        continue;
      }
      String[] cells = line.split(" \\| ");
      Matcher name = NAME.matcher(cells[0]);
      while (name.find()) { // one row may name a pair: `TOKENMINT_API_KEY` + `TOKENMINT_AUTH_TOKEN`
        assertThat(rows.put(name.group(1), cells[1])).as("%s named twice", name.group(1)).isNull();
      }
    }
    return rows;
  }

  @Test
  void the_table_names_every_variable_tokenmint_reads_in_order_and_no_other() throws IOException {
    List<String> declared = new ArrayList<>();
    Settings.VARIABLES.forEach(variable -> declared.add(variable.name()));

    assertThat(rows().keySet()).containsExactlyElementsOf(declared);
  }

  @Test
  void the_table_states_the_default_each_variable_takes() throws IOException {
    Map<String, String> rows = rows();

    assertThat(Settings.VARIABLES)
        .filteredOn(variable -> variable.defaultText().isPresent())
        .hasSizeGreaterThan(15)
        .allSatisfy(
            variable ->
                assertThat(rows.get(variable.name()))
                    .as(variable.name())
                    .startsWith("`" + variable.defaultText().orElseThrow() + "`"));
  }
}
