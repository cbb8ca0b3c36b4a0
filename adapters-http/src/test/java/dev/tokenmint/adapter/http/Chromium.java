package dev.tokenmint.adapter.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless {@code chromium} from the PATH, to render a page as a browser does: its scripts
 * run, and what is left is the DOM. Without the binary a test asking for it is skipped, or fails
 * when {@code TOKENMINT_TEST_BROWSER_REQUIRED=true} (as in CI).
 */
final class Chromium {

  static final String REQUIRED = "TOKENMINT_TEST_BROWSER_REQUIRED";

  /** The names the browser has on Debian and on other distributions. */
  private static final List<String> NAMES = List.of("chromium", "chromium-browser");

  /** A hung browser is killed after this: one render takes a few seconds on 2 busy cores. */
  static final Duration TIME_LIMIT = Duration.ofSeconds(60);

  /**
   * No first-run work, no calls to Google's services, no updates, a fresh profile: the only
   * requests made are the page's own.
   */
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          // Scripts run on a virtual clock that the browser advances while the page is idle; the
          // DOM is dumped when 15 s of it have passed, in much less real time.
          "--virtual-time-budget=15000",
          // The page's console, Content-Security-Policy violations included, on stderr.
          "--enable-logging=stderr",
          "--log-level=0");

  private static final AtomicBoolean SKIP_SAID = new AtomicBoolean();

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /**
   * The browser on the PATH.
   *
   * @throws org.opentest4j.TestAbortedException when there is none (the test is skipped)
   * @throws org.opentest4j.AssertionFailedError when there is none and one is required
   */
  static Chromium onPath() {
    Optional<Path> found = find(System.getenv("PATH"));
    if (found.isPresent()) {
      return new Chromium(found.get());
    }
    String reason =
        "no " + String.join(" or ", NAMES) + " on the PATH (Debian: apt-get install chromium)";
    if ("true".equalsIgnoreCase(System.getenv(REQUIRED))) {
      return fail("a browser is required (" + REQUIRED + "=true) but there is " + reason);
    }
    if (SKIP_SAID.compareAndSet(false, true)) {
      // One console line for all the skipped tests: the console shows only a count otherwise.
      System.err.println(
          "Browser tests skipped in adapters-http: "
              + reason
              + " ("
              + REQUIRED
              + "=true makes this a failure)");
    }
    return Assumptions.abort("browser test skipped: " + reason);
  }

  private static Optional<Path> find(String path) {
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(directory -> !directory.isEmpty())
        .flatMap(directory -> NAMES.stream().map(name -> Path.of(directory, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Loads {@code page} in a fresh profile under {@code workDirectory}, with {@code extraFlags}, and
   * returns the DOM once its scripts ran, with the console lines the browser logged. Fails the test
   * when the browser exits non-zero or does not finish within {@link #TIME_LIMIT}.
   */
  Rendering render(URI page, Path workDirectory, String... extraFlags)
      throws IOException, InterruptedException {
    Path profile = Files.createDirectories(workDirectory.resolve("profile"));
    Path dom = workDirectory.resolve("dom.html");
    Path log = workDirectory.resolve("chromium.log");
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.addAll(List.of(extraFlags));
    command.add("--dump-dom");
    command.add(page.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dom.toFile())
            .redirectError(log.toFile());
    // Caches and settings in the work directory, not in the home of whoever runs the build.
    builder.environment().put("XDG_CONFIG_HOME", profile.toString());
    builder.environment().put("XDG_CACHE_HOME", profile.toString());
    Process browser = builder.start();
    if (!browser.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly();
      browser.waitFor(10, TimeUnit.SECONDS);
      return fail(
          "chromium did not render "
              + page
              + " within "
              + TIME_LIMIT.toSeconds()
              + " s; its log:\n"
              + tail(log));
    }
    if (browser.exitValue() != 0) {
      return fail(
          "chromium exited " + browser.exitValue() + " on " + page + "; its log:\n" + tail(log));
    }
    List<String> console =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains(":CONSOLE"))
            .toList();
    return new Rendering(Files.readString(dom, StandardCharsets.UTF_8), console);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** A page's DOM after its scripts ran, and what it wrote to the browser's console. */
  record Rendering(String dom, List<String> console) {}
}
