package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.adapter.crypto.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeysTest {

  @TempDir Path dataDir;

  private Settings settings(Map<String, String> extra) {
    var env = new java.util.HashMap<>(extra);
    env.put("TOKENMINT_DATA_DIR", dataDir.resolve("data").toString());
    return Settings.fromEnvironment(env);
  }

  @Test
  void the_embedded_default_generates_a_0600_key_file_once_and_reads_it_back() throws Exception {
    MasterKey first = MasterKeys.resolve(settings(Map.of()));
    MasterKey second = MasterKeys.resolve(settings(Map.of()));

    Path file = dataDir.resolve("data").resolve("master.key");
    assertThat(first).isEqualTo(second);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file).trim()).isEqualTo(first.toBase64());
  }

  @Test
  void a_configured_key_wins_and_no_file_is_written() {
    MasterKey configured = MasterKey.generate();

    assertThat(MasterKeys.resolve(settings(Map.of("TOKENMINT_MASTER_KEY", configured.toBase64()))))
        .isEqualTo(configured);
    assertThat(dataDir.resolve("data").resolve("master.key")).doesNotExist();
  }

  @Test
  void a_corrupt_key_file_stops_the_start_with_one_line() throws Exception {
    Files.createDirectories(dataDir.resolve("data"));
    Files.writeString(dataDir.resolve("data").resolve("master.key"), "not-a-key");

    assertThatThrownBy(() -> MasterKeys.resolve(settings(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("master.key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
