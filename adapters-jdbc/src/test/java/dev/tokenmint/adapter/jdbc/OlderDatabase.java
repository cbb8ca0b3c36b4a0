package dev.tokenmint.adapter.jdbc;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * An embedded database as an older tokenmint left it: migrated up to a version (or all of them),
 * with no password, as before passwords were generated. For the upgrade tests.
 */
final class OlderDatabase {

  private OlderDatabase() {}

  /** Makes it in {@code directory} up to {@code version} (all, when empty); returns its URL. */
  static String at(Path directory, Optional<String> version) {
    String url = JdbcDatabase.embeddedUrl(directory.toString());
    var configuration =
        Flyway.configure()
            .dataSource(url, JdbcDatabase.EMBEDDED_USER, "")
            .locations("classpath:db/migration")
            .placeholders(Map.of("binary_order", ""));
    version.ifPresent(configuration::target);
    configuration.load().migrate();
    return url;
  }
}
