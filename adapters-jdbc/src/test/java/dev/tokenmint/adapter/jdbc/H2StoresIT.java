package dev.tokenmint.adapter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 database: a new file for every test. */
class H2StoresIT extends JdbcStoreContract {

  @TempDir Path directory;

  @Override
  protected JdbcDatabase openDatabase() {
    return JdbcDatabase.embedded(directory.toString());
  }
}
