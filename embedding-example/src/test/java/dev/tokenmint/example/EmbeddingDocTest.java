package dev.tokenmint.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code docs/embedding.md} shows the example's code: every region between {@code // tag::name[]}
 * and {@code // end::name[]} in the example's sources appears in the doc verbatim (dedented), so
 * the doc's code is code that compiles and runs.
 */
class EmbeddingDocTest {

  private static final Path SOURCES = Path.of("src/test/java/dev/tokenmint/example");
  private static final Path DOC = Path.of("../docs/embedding.md");
  private static final Pattern REGION =
      Pattern.compile("(?s)// tag::([a-z-]+)\\[]\\n(.*?)\\n[ ]*// end::\\1\\[]");

  @Test
  void every_tagged_region_of_the_example_is_in_the_doc_verbatim() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    for (String source :
        List.of("EmbeddedIssuer.java", "EmbeddingExampleTest.java", "JwksUrlEmbeddingIT.java")) {
      Matcher matcher =
          REGION.matcher(Files.readString(SOURCES.resolve(source), StandardCharsets.UTF_8));
      while (matcher.find()) {
        regions.put(matcher.group(1), dedent(matcher.group(2)));
      }
    }
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);

    assertThat(regions)
        .containsOnlyKeys(
            "issuer", "mint", "jwks", "grants", "verify", "access", "revocations", "url");
    List<String> missing = new ArrayList<>();
    regions.forEach(
        (name, code) -> {
          if (!doc.contains(code)) {
            missing.add(name);
          }
        });
    assertThat(missing).as("regions missing from or changed in %s", DOC).isEmpty();
  }

  private static String dedent(String code) {
    List<String> lines = code.lines().toList();
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
  }
}
