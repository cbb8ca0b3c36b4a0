package dev.tokenmint.bootstrap;

import dev.tokenmint.adapter.crypto.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: {@code TOKENMINT_MASTER_KEY} when set; otherwise, on the embedded database
 * only, the file {@code master.key} in the data directory, generated on first start with mode 0600
 * and a warning.
 */
final class MasterKeys {

  static final String FILE_NAME = "master.key";

  private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private MasterKeys() {}

  /**
   * The master key for {@code settings}.
   *
   * @throws ConfigurationException when the key file cannot be read or written
   */
  static MasterKey resolve(Settings settings) {
    if (settings.masterKey().isPresent()) {
      return settings.masterKey().get();
    }
    Path file = settings.dataDir().resolve(FILE_NAME);
    try {
      Files.createDirectories(settings.dataDir());
      if (Files.exists(file)) {
        return read(file);
      }
      return create(file);
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot use the master key file "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage());
    }
  }

  private static MasterKey read(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")
        && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
      LOG.warn("{} is readable by other users; restrict it: chmod 600 {}", file, file);
    }
    try {
      return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("the master key file " + file + " " + e.getMessage());
    }
  }

  private static MasterKey create(Path file) throws IOException {
    MasterKey key = MasterKey.generate();
    try {
      if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      return read(file); // another process created it first
    }
    Files.writeString(
        file,
        key.toBase64() + "\n",
        StandardCharsets.US_ASCII,
        StandardOpenOption.TRUNCATE_EXISTING);
    LOG.warn(
        "generated a master key in {} (mode 0600): it seals the signing keys; back it up, or set"
            + " TOKENMINT_MASTER_KEY. Without it the stored keys cannot be used.",
        file);
    return key;
  }
}
