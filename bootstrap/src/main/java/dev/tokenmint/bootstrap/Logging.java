package dev.tokenmint.bootstrap;

import java.util.Locale;
import java.util.Objects;

/**
 * How the process logs: {@code TOKENMINT_LOG_FORMAT} (text or one JSON object per line) and {@code
 * TOKENMINT_ACCESS_LOG} (a line per request), read by {@link Settings#logging}. They are not part
 * of {@link Settings} because they must be applied before anything logs: logback reads its
 * configuration once, when the first logger is made, and {@code logback.xml} takes both from the
 * system properties {@link #configureLogback()} sets.
 */
public record Logging(Format format, boolean accessLog) {

  /** The format of every log line. */
  public enum Format {
    /** One human-readable line per event. */
    TEXT,
    /** One JSON object per line. */
    JSON;

    /** The name in {@code TOKENMINT_LOG_FORMAT} and in {@code logback-<name>.xml}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The system property {@code logback.xml} picks its console appender's format by. */
  static final String FORMAT_PROPERTY = "tokenmint.log.format";

  /** The system property {@code logback.xml} sets the access log's level from: INFO or OFF. */
  static final String ACCESS_LOG_PROPERTY = "tokenmint.access.log";

  /** The format is required. */
  public Logging {
    Objects.requireNonNull(format, "format");
  }

  /**
   * Hands this choice to {@code logback.xml}. Takes effect only if called before the first logger
   * is made (or before logback is configured again).
   */
  public void configureLogback() {
    System.setProperty(FORMAT_PROPERTY, format.wireName());
    System.setProperty(ACCESS_LOG_PROPERTY, accessLog ? "INFO" : "OFF");
  }
}
