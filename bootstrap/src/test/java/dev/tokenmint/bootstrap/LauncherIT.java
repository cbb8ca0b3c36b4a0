package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/tokenmint}, the README's run command, on the JDK running the tests and on Temurin 25
 * where it is installed: it passes arguments and JAVA_OPTS through, becomes the JVM, maps the
 * archive the build made, and a normal start prints no JVM warning.
 */
class LauncherIT {

  private static final Path LAUNCHER =
      Path.of("..", "bin", "tokenmint").toAbsolutePath().normalize();
  private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  static Stream<Path> jdks() {
    Path current = Path.of(System.getProperty("java.home"));
    return Files.isDirectory(TEMURIN_25) && !current.equals(TEMURIN_25)
        ? Stream.of(current, TEMURIN_25)
        : Stream.of(current);
  }

  record Run(int exitCode, List<String> lines) {}

  private static Process start(Path jdk, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("TOKENMINT_") || name.equals("JAVA_OPTS"));
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Run run(Path jdk, Map<String, String> env, String... args) throws Exception {
    Process process = start(jdk, env, args);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out.lines().toList());
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void arguments_and_java_opts_reach_the_jvm(Path jdk) throws Exception {
    Run version = run(jdk, Map.of(), "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.lines()).containsExactly("tokenmint 0.1.0");

    Run usage = run(jdk, Map.of(), "credential", "create", "--help");
    assertThat(usage.lines()).anyMatch(line -> line.contains("--workspace"));

    Run withOptions = run(jdk, Map.of("JAVA_OPTS", "-XshowSettings:properties"), "--version");
    assertThat(withOptions.lines()).anyMatch(line -> line.contains("java.home = " + jdk));
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void the_launcher_becomes_the_jvm_and_a_normal_start_prints_no_jvm_warning(Path jdk)
      throws Exception {
    Path data = TestDirectories.fresh("launcher");
    Process process =
        start(jdk, Map.of("TOKENMINT_PORT", "0", "TOKENMINT_DATA_DIR", data.toString()), "serve");
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains("serving on http://")) {
          break;
        }
      }
      assertThat(lines).last().asString().contains("serving on http://");
      assertThat(process.info().command())
          .hasValueSatisfying(command -> assertThat(command).endsWith("/java"));
      assertThat(lines)
          .noneMatch(
              l -> l.startsWith("WARNING") || l.contains("[warning]") || l.contains("[error"));
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @org.junit.jupiter.api.Test
  void the_archive_the_build_made_for_this_jdk_is_mapped() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Boolean.getBoolean("tokenmint.archive.skip"), "the build skipped the archive");
    Path jdk = Path.of(System.getProperty("java.home"));
    boolean aot = Runtime.version().feature() >= 24;
    Path archive = Path.of("target", aot ? "tokenmint.aot" : "tokenmint.jsa");
    assertThat(archive).as("made by the build's training run").exists();

    // With sharing required, a JVM that cannot map the archive refuses to start.
    String required = aot ? "-XX:AOTMode=on" : "-Xshare:on";
    Run mapped = run(jdk, Map.of("JAVA_OPTS", required), "--version");

    assertThat(mapped.exitCode()).as(String.join("\n", mapped.lines())).isZero();
    assertThat(mapped.lines()).contains("tokenmint 0.1.0");
  }
}
