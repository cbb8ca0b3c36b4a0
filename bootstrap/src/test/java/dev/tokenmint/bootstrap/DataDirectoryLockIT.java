package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.bootstrap.cli.Environment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One server per embedded data directory, and one command at a time: what another process holds is
 * refused in one line that says what is happening and what to do.
 */
class DataDirectoryLockIT {

  private final Path directory = TestDirectories.fresh("locks");

  /** Another process holding {@code kind}'s lock on the directory until closed. */
  private final class Holder implements AutoCloseable {
    final Process process;

    Holder(String kind) throws Exception {
      String java = ProcessHandle.current().info().command().orElse("java");
      process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  LockHolder.class.getName(),
                  kind,
                  directory.toString())
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("held");
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void a_second_server_on_the_directory_is_refused_in_one_line_naming_the_first() throws Exception {
    try (Holder first = new Holder("server")) {
      assertThatThrownBy(() -> DataDirectoryLock.server(directory))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "another tokenmint server (process "
                  + first.process.pid()
                  + ") is already serving from "
                  + directory
                  + "; stop it first, or give this one its own TOKENMINT_DATA_DIR (instances that"
                  + " share state need PostgreSQL: TOKENMINT_DB_URL)");
    }
    DataDirectoryLock.server(directory).close();
  }

  @Test
  void serve_beside_a_running_server_exits_2_with_that_line_and_no_stack_trace() throws Exception {
    try (Holder first = new Holder("server")) {
      StringWriter err = new StringWriter();
      var commandLine =
          dev.tokenmint.bootstrap.cli.Main.commandLine(
              new Environment(
                  Map.of("TOKENMINT_DATA_DIR", directory.toString(), "TOKENMINT_PORT", "0")));
      commandLine.setErr(new PrintWriter(err));

      int code = commandLine.execute("serve");

      assertThat(code).isEqualTo(2);
      assertThat(err.toString().strip())
          .startsWith("tokenmint: another tokenmint server (process " + first.process.pid() + ")")
          .doesNotContain("\n");
    }
  }

  @Test
  void a_command_waits_for_the_running_one_and_then_says_in_one_line_what_to_do() throws Exception {
    try (Holder running = new Holder("command")) {
      assertThatThrownBy(() -> DataDirectoryLock.command(directory, Duration.ofMillis(200)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "another tokenmint command (process "
                  + running.process.pid()
                  + ") is still working on "
                  + directory
                  + "; run this one again when it has finished");
    }
    DataDirectoryLock.command(directory, Duration.ZERO).close();
  }

  @Test
  void commands_take_turns_and_a_server_does_not_stop_them() throws Exception {
    try (Holder server = new Holder("server")) {
      DataDirectoryLock.command(directory, Duration.ZERO).close();
      DataDirectoryLock.command(directory, Duration.ZERO).close();
    }
  }
}
