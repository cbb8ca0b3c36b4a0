package dev.tokenmint.bootstrap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * Who works on an embedded data directory: one server for as long as it runs, and commands one at a
 * time. Without them a second server, or a command beside another, would meet H2's multi-line
 * file-lock message; these operating-system locks say in one line what is happening instead. A
 * server also waits for a running command (which opens the file itself when no server runs) before
 * it opens the database; commands beside a running server reach it through the server's port.
 */
final class DataDirectoryLock implements AutoCloseable {

  static final String SERVER_FILE = "server.lock";
  static final String COMMAND_FILE = "command.lock";

  private static final Duration POLL = Duration.ofMillis(50);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The server's lock on {@code directory}, held until closed.
   *
   * @throws ConfigurationException when another server holds it
   */
  static DataDirectoryLock server(Path directory) {
    Path file = directory.resolve(SERVER_FILE);
    return acquire(file, Duration.ZERO)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "another tokenmint server"
                        + holder(file)
                        + " is already serving from "
                        + directory
                        + "; stop it first, or give this one its own TOKENMINT_DATA_DIR"
                        + " (instances that share state need PostgreSQL: TOKENMINT_DB_URL)"));
  }

  /**
   * The lock commands take on {@code directory} in turn, waiting up to {@code patience} for the one
   * holding it.
   *
   * @throws ConfigurationException when it is still held after that
   */
  static DataDirectoryLock command(Path directory, Duration patience) {
    Path file = directory.resolve(COMMAND_FILE);
    return acquire(file, patience)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "another tokenmint command"
                        + holder(file)
                        + " is still working on "
                        + directory
                        + "; run this one again when it has finished"));
  }

  private static Optional<DataDirectoryLock> acquire(Path file, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    try {
      Files.createDirectories(
          file.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        while (true) {
          FileLock lock = tryLock(channel);
          if (lock != null) {
            channel.truncate(0);
            channel.write(
                ByteBuffer.wrap(
                    Long.toString(ProcessHandle.current().pid())
                        .getBytes(StandardCharsets.US_ASCII)),
                0);
            return Optional.of(new DataDirectoryLock(file, channel, lock));
          }
          if (System.nanoTime() >= deadline) {
            channel.close();
            return Optional.empty();
          }
          Thread.sleep(POLL.toMillis());
        }
      } catch (IOException | RuntimeException | InterruptedException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot lock " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException("interrupted while waiting for " + file);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process (a server and a command in one JVM, in tests)
    }
  }

  /** " (process N)" when the holder wrote its process id, else nothing. */
  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.matches("\\d{1,19}") ? " (process " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Releases the lock; the file stays, so that the next holder locks the same file. */
  @Override
  public void close() {
    try (FileChannel closing = channel) {
      lock.release();
    } catch (IOException e) {
      throw new IllegalStateException("cannot release " + file, e);
    }
  }
}
