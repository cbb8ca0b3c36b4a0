package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonAnswers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * What every {@code /v2} route does the same way: authenticates the caller, reads the body (bare or
 * wrapped in Velt's {@code {"data": {...}}}) and answers in Velt's success envelope. Handlers ask
 * for the caller before the body, so a request without valid credentials is refused before its body
 * is judged.
 */
public record VeltExchange(Callers callers, JsonBodies bodies) {

  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  /** The authenticated caller of the request ({@link Callers#of} says what it may throw). */
  Caller caller(Context ctx) {
    return callers.of(ctx);
  }

  /**
   * The body read as {@code type}.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming every problem found, an
   *     empty body included
   */
  <T> T read(Context ctx, Class<T> type) {
    return bodies.read(ctx.bodyAsBytes(), type, true);
  }

  /**
   * The body read as {@code type}, an empty body as {@code {}}: for requests whose every field is
   * optional.
   */
  <T> T readOrEmpty(Context ctx, Class<T> type) {
    byte[] body = ctx.bodyAsBytes();
    return bodies.read(body.length == 0 ? EMPTY_OBJECT : body, type, true);
  }

  /** Answers {@code data} with {@code message}. */
  void answer(Context ctx, String message, Object data) {
    JsonAnswers.write(ctx, VeltEnvelope.success(message, data));
  }

  /** Answers one page of {@code items}, with the token of the next page when there is one. */
  void answerPage(Context ctx, String message, List<?> items, Optional<String> nextPageToken) {
    JsonAnswers.write(ctx, VeltEnvelope.page(message, items, nextPageToken));
  }
}
