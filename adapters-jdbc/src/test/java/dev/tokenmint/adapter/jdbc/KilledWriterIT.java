package dev.tokenmint.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Workspace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the embedded database has committed survives the process being killed at once (kill -9):
 * by default H2 keeps commits in memory for up to half a second, and a rotated key lost that way
 * took every token it had signed with it (bench/faults.sh crash-h2).
 */
class KilledWriterIT {

  private static final Workspace WORKSPACE =
      new Workspace(
          "ws-killed",
          "tmk_killed",
          "killed",
          true,
          Workspace.issuerUnder("http://localhost:8080", "tmk_killed", true));
  private static final String WRITTEN = "written";

  @TempDir Path parent;

  @Test
  void what_was_committed_before_a_kill_9_is_in_the_file_after_it() throws Exception {
    Path data = parent.resolve("data");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process writer =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals(WRITTEN));
      assertThat(line).as("the writer's last line").isEqualTo(WRITTEN);

      writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      writer.destroyForcibly();
    }

    try (JdbcDatabase database = JdbcDatabase.embedded(data.toString())) {
      assertThat(database.workspaces().findDefault()).as("a lone insert").contains(WORKSPACE);
      assertThat(database.keyRing().activeKey(WORKSPACE.id()))
          .as("a unit of work")
          .hasValueSatisfying(key -> assertThat(key.kid()).isEqualTo("kid-2"));
      assertThat(database.keyRing().keys(WORKSPACE.id())).hasSize(2);
      assertThat(database.users().find(WORKSPACE.id(), "user-1")).as("an upsert").isPresent();
    }
  }

  /** The process that is killed: hosts the database, writes, says so, and waits. */
  static final class Writer {
    public static void main(String[] args) throws InterruptedException {
      JdbcDatabase database = JdbcDatabase.hostEmbedded(args[0]);
      database.workspaces().create(WORKSPACE);
      database.keyRing().activate(WORKSPACE.id(), key("kid-1"));
      database.keyRing().activate(WORKSPACE.id(), key("kid-2"));
      database.users().save(WORKSPACE.id(), new User("user-1", UserProfile.empty()));
      System.out.println(WRITTEN);
      System.out.flush();
      Thread.sleep(60_000);
    }

    private static SigningKey key(String kid) {
      return new SigningKey(
          kid,
          SigningAlgorithm.ES256,
          KeyStatus.ACTIVE,
          Instant.parse("2026-01-01T00:00:00Z"),
          "{\"kid\":\"" + kid + "\"}",
          "sealed-" + kid);
    }
  }
}
