package dev.tokenmint.adapter.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The directory of the embedded database, kept to its owner: the directory is 0700 and every file
 * in it 0600, and the database's password is generated into it. Whoever can read this directory can
 * read the database (and the master key beside it); nobody else can open it, through the file or
 * through the loopback port H2 serves the command line on (docs/security.md).
 */
final class EmbeddedDirectory {

  /** The file holding the database password, readable by the service's OS user only. */
  static final String PASSWORD_FILE = "database.password";

  /** Where a running server announces the loopback port it serves the database on to commands. */
  static final String ADDRESS_FILE = "database.address";

  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final int PASSWORD_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path path;
  private final boolean posix;

  private EmbeddedDirectory(Path path, boolean posix) {
    this.path = path;
    this.posix = posix;
  }

  /**
   * The directory at {@code path}, created 0700 when absent and narrowed to 0700 when it exists.
   *
   * @throws UncheckedIOException when it cannot be created or its mode cannot be set
   */
  static EmbeddedDirectory secure(Path path) {
    try {
      if (!Files.isDirectory(path)) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try {
          Files.createDirectory(path);
        } catch (FileAlreadyExistsException e) {
          // another process made it first; its mode is narrowed below
        }
      }
      boolean posix = Files.getFileStore(path).supportsFileAttributeView("posix");
      if (posix) {
        Files.setPosixFilePermissions(path, OWNER_DIRECTORY);
      }
      return new EmbeddedDirectory(path, posix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the data directory " + path, e);
    }
  }

  /** True when the database file has been created already. */
  boolean hasDatabase() {
    return Files.exists(path.resolve("tokenmint.mv.db"));
  }

  /** The stored database password, if one was generated. */
  Optional<String> storedPassword() {
    Path file = path.resolve(PASSWORD_FILE);
    try {
      return Files.exists(file)
          ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Generates a database password and stores it, 0600, replacing the file whole, so a crash leaves
   * either no password or a complete one.
   */
  String generatePassword() {
    byte[] random = new byte[PASSWORD_BYTES];
    RANDOM.nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    writeWhole(PASSWORD_FILE, password + "\n");
    return password;
  }

  /**
   * A random key naming the database to H2's TCP server: only who read the address file knows it.
   */
  static String newKey() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * Tells commands where the running server serves the database: its loopback port, the key naming
   * the database, and the server's process id (0600, written whole).
   */
  void announce(int port, String key) {
    writeWhole(
        ADDRESS_FILE,
        "port=" + port + "\nkey=" + key + "\npid=" + ProcessHandle.current().pid() + "\n");
  }

  /** Removes what {@link #announce} wrote. */
  void withdraw() {
    try {
      Files.deleteIfExists(path.resolve(ADDRESS_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + path.resolve(ADDRESS_FILE), e);
    }
  }

  /**
   * Where a server that is still running serves the database, if one announced itself: its loopback
   * port and key. An announcement of a process that is gone (killed) is ignored.
   */
  Optional<Address> servingServer() {
    Path file = path.resolve(ADDRESS_FILE);
    Properties address = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      address.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      long pid = Long.parseLong(address.getProperty("pid", ""));
      int port = Integer.parseInt(address.getProperty("port", ""));
      String key = address.getProperty("key", "");
      // This very process cannot be the server it looks for (a pid reused in a new container).
      boolean alive =
          pid != ProcessHandle.current().pid()
              && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive && key.matches("[0-9a-f]{32}")
          ? Optional.of(new Address(port, key))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty(); // half a file, from a process killed while writing it
    }
  }

  /** A running server's loopback port for commands, and the key naming its database there. */
  record Address(int port, String key) {}

  private void writeWhole(String name, String content) {
    Path file = path.resolve(name);
    Path partial = path.resolve(name + ".partial");
    try {
      Files.deleteIfExists(partial);
      if (posix) {
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_FILE));
      } else {
        Files.createFile(partial);
      }
      Files.writeString(partial, content, StandardCharsets.US_ASCII);
      try {
        Files.move(
            partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Narrows every regular file directly in the directory to 0600: the files H2 made with the
   * process's umask (the database and its lock file, which names the server port and key).
   */
  void narrowFiles() {
    if (!posix) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      for (Path file : files) {
        try {
          if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
          }
        } catch (NoSuchFileException e) {
          // a temporary file H2 removed meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the files of " + path, e);
    }
  }
}
