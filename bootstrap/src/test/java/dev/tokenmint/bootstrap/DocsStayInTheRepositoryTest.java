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
 * The README, {@code docs/} (whose OpenAPI document the server serves to anyone) and the main code
 * cite only what a reader of the repository can open: no design notes kept elsewhere.
 */
class DocsStayInTheRepositoryTest {

  private static final Path ROOT = Path.of("..");

  private static final Pattern OUTSIDE =
      Pattern.compile("DESIGN\\.md|DESIGN §|STYLE\\.md|\\.\\./shared|/work/shared");

  private static List<Path> documents() throws IOException {
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"));
        Stream<Path> sources = Files.walk(ROOT)) {
      return Stream.of(
              Stream.of(ROOT.resolve("README.md")),
              docs.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".yaml")),
              // main code too: its comments are read by whoever reads the code
              sources.filter(
                  p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")))
          .flatMap(s -> s)
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
