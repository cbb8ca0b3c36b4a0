package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/} (whose OpenAPI document the server serves to anyone) cite only what
 * a reader of the repository can open: no design notes kept elsewhere.
 */
class DocsStayInTheRepositoryTest {

  private static final Path ROOT = Path.of("..");

  private static final Pattern OUTSIDE =
      Pattern.compile("DESIGN\\.md|DESIGN §|STYLE\\.md|\\.\\./shared|/work/shared");

  private static List<Path> documents() throws IOException {
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      return Stream.concat(
              Stream.of(ROOT.resolve("README.md")),
              docs.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".yaml")))
          .toList();
    }
  }

  @Test
  void the_readme_and_docs_cite_nothing_outside_the_repository() throws IOException {
    List<Path> documents = documents();

    assertThat(documents).contains(ROOT.resolve("docs").resolve("openapi.yaml"));
    assertThat(documents)
        .allSatisfy(
            document -> {
              Matcher outside = OUTSIDE.matcher(read(document));
              String cited = outside.find() ? outside.group() : "";
              assertThat(cited).as("what %s cites from outside the repository", document).isEmpty();
            });
  }

  private static String read(Path document) {
    try {
      return Files.readString(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
