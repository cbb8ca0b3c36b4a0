package dev.tokenmint.bootstrap;

/** Bad configuration: the message is one line that says which setting and what is wrong. */
public final class ConfigurationException extends RuntimeException {

  /** A failure with a one-line, secret-free message. */
  public ConfigurationException(String message) {
    super(message, null, false, false);
  }
}
