package dev.tokenmint.bootstrap;

import java.util.Set;

/** The names of every variable {@link Settings} reads, for tests outside this package. */
public final class KnownSettings {

  private KnownSettings() {}

  /** {@code Settings.KNOWN}. */
  public static Set<String> names() {
    return Settings.KNOWN;
  }
}
