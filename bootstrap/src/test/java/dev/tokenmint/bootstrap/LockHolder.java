package dev.tokenmint.bootstrap;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@link DataDirectoryLockIT}: takes the lock named by its first argument
 * ({@code server} or {@code command}) on the directory named by its second, says "held", and keeps
 * it until its standard input closes.
 */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    try (DataDirectoryLock lock =
        "server".equals(args[0])
            ? DataDirectoryLock.server(directory)
            : DataDirectoryLock.command(directory, Duration.ZERO)) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() != -1) {
        // hold until the test closes our input
      }
    }
  }
}
