package dev.tokenmint.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of every logger, at TRACE, under tokenmint's shipped {@code logback.xml} in a
 * given {@link Logging} (format, access log): the context is configured from it, each logger that
 * has a level of its own is turned down to TRACE, the root too, and the console appender is set
 * aside so the build output stays readable; its encoder still writes each event, into {@link
 * #lines()}, exactly as the console would have shown it. {@link #asShipped()} keeps the shipped
 * levels instead: what an operator's log would show. Closing configures the context from {@code
 * logback-test.xml} again.
 */
final class CapturedLogs implements AutoCloseable {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final List<String> lines = new ArrayList<>();
  private final Encoder<ILoggingEvent> encoder;
  private final ListAppender<ILoggingEvent> appender =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
          // On the logging thread (appends are serialized): the MDC is this thread's
          event.prepareForDeferredProcessing();
          super.append(event);
          lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
      };

  private CapturedLogs(boolean everyLevel, Logging logging) {
    logging.configureLogback();
    configure("logback.xml");
    for (Logger logger : context.getLoggerList()) {
      if (everyLevel && logger.getLevel() != null) {
        logger.setLevel(Level.TRACE);
      }
      if (!logger.isAdditive()) {
        throw new IllegalStateException(
            logger.getName() + " is not additive: its events would be missed");
      }
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (everyLevel) {
      context.getLogger("dev.tokenmint").setLevel(Level.TRACE);
      root.setLevel(Level.TRACE);
    }
    Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
    if (!(console instanceof ConsoleAppender<ILoggingEvent> shipped)) {
      throw new IllegalStateException("logback.xml has no CONSOLE appender on the root");
    }
    encoder = shipped.getEncoder();
    root.detachAppender(console); // not stopped: its encoder writes the captured lines
    root.detachAndStopAllAppenders();
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  private void configure(String resource) {
    URL configuration = CapturedLogs.class.getClassLoader().getResource(resource);
    if (configuration == null) {
      throw new IllegalStateException(resource + " is not on the class path");
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(configuration);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logback from " + configuration, e);
    }
  }

  /** Starts capturing, in the default format without the access log. */
  static CapturedLogs everything() {
    return everything(new Logging(Logging.Format.TEXT, false));
  }

  /** Starts capturing, in {@code logging}'s format, with its access log or without. */
  static CapturedLogs everything(Logging logging) {
    return new CapturedLogs(true, logging);
  }

  /** Starts capturing what the shipped configuration writes, at the levels it sets. */
  static CapturedLogs asShipped() {
    return new CapturedLogs(false, new Logging(Logging.Format.TEXT, false));
  }

  /** The events captured so far, a copy. */
  List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /**
   * The events so far and their lines, taken in one step: threads that go on logging (a pool
   * retrying its database) would otherwise add an event between two separate reads.
   */
  Captured captured() {
    synchronized (appender) {
      return new Captured(List.copyOf(appender.list), List.copyOf(lines));
    }
  }

  /** Events and, one for each, what the console would have shown. */
  record Captured(List<ILoggingEvent> events, List<String> lines) {}

  /** What the console would have shown for each event so far, one string per event, a copy. */
  List<String> lines() {
    synchronized (appender) {
      return List.copyOf(lines);
    }
  }

  /**
   * Everything an event carries that could reach a log line or a log pipeline: logger and thread
   * name, the raw and the formatted message, every argument, MDC, key-value pairs, markers, and the
   * whole throwable chain with messages, frames, causes and suppressed exceptions.
   */
  static String everythingIn(ILoggingEvent event) {
    StringBuilder text = new StringBuilder();
    text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ');
    text.append(event.getThreadName()).append('\n');
    text.append(event.getMessage()).append('\n').append(event.getFormattedMessage()).append('\n');
    if (event.getArgumentArray() != null) {
      for (Object argument : event.getArgumentArray()) {
        text.append(argument).append('\n');
      }
    }
    text.append(event.getMDCPropertyMap()).append('\n');
    if (event.getKeyValuePairs() != null) {
      event
          .getKeyValuePairs()
          .forEach(pair -> text.append(pair.key).append('=').append(pair.value).append('\n'));
    }
    if (event.getMarkerList() != null) {
      event.getMarkerList().forEach(marker -> text.append(marker).append('\n'));
    }
    appendThrowable(text, event.getThrowableProxy(), 0);
    return text.toString();
  }

  private static void appendThrowable(StringBuilder text, IThrowableProxy throwable, int depth) {
    if (throwable == null || depth > 20) {
      return;
    }
    text.append(throwable.getClassName()).append(": ").append(throwable.getMessage()).append('\n');
    for (StackTraceElementProxy frame : throwable.getStackTraceElementProxyArray()) {
      text.append('\t').append(frame.getSTEAsString()).append('\n');
    }
    appendThrowable(text, throwable.getCause(), depth + 1);
    for (IThrowableProxy suppressed : throwable.getSuppressed()) {
      appendThrowable(text, suppressed, depth + 1);
    }
  }

  @Override
  public void close() {
    System.clearProperty(Logging.FORMAT_PROPERTY);
    System.clearProperty(Logging.ACCESS_LOG_PROPERTY);
    configure("logback-test.xml");
  }
}
