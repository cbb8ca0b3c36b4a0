package dev.tokenmint.adapter.http.json;

import io.javalin.http.Context;

/**
 * Writes the API's JSON answers, success or failure, in either dialect: each holds a token, claims,
 * keys or a workspace's data, so none may be kept by a cache ({@code Cache-Control: no-store}).
 * Public documents (the JWKS, the OpenAPI document, the docs page) set their own caching.
 */
public final class JsonAnswers {

  private JsonAnswers() {}

  /** Answers {@code ctx} with {@code body} as JSON, not to be stored by any cache. */
  public static void write(Context ctx, Object body) {
    ctx.header("Cache-Control", "no-store");
    ctx.json(body);
  }
}
