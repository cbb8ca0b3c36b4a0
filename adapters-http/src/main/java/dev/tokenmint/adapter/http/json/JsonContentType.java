package dev.tokenmint.adapter.http.json;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule that a JSON route's body is labelled JSON: a POST with a body whose {@code Content-Type}
 * is anything but {@code application/json} (parameters allowed, a charset only if it is UTF-8, the
 * one RFC 8259 allows) is refused with 415 before it is parsed, and before the caller is
 * authenticated. A body without a {@code Content-Type} is read as JSON: clients that never labelled
 * their JSON keep working, and the label is no defence here anyway (a browser can send an
 * unlabelled body across origins, but not tokenmint's credential headers without a CORS preflight).
 * A POST without a body has no content to label, so its type is not checked.
 */
public final class JsonContentType {

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}");

  private JsonContentType() {}

  /**
   * A {@code beforeMatched} filter: passes a JSON route's request whose body is JSON or unlabelled.
   *
   * @throws HttpResponseException 415 naming the type that was sent
   */
  public static void require(Context ctx) {
    String type = ctx.header("Content-Type");
    boolean body = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    if (ctx.method() != HandlerType.POST || type == null || !body) {
      return;
    }
    String[] parts = type.split(";");
    String mediaType = parts[0].trim();
    if (!mediaType.equalsIgnoreCase("application/json")) {
      throw new HttpResponseException(
          415,
          "Content-Type must be application/json"
              + (MEDIA_TYPE.matcher(mediaType).matches() ? ", not " + mediaType : "")
              + "; every POST route reads a JSON body");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2) {
        String charset = parameter[1].trim().replace("\"", "");
        if (!charset.toLowerCase(Locale.ROOT).equals("utf-8")) {
          throw new HttpResponseException(
              415,
              "JSON is read as UTF-8; send Content-Type: application/json without a charset or with"
                  + " charset=utf-8"
                  + (MEDIA_TYPE.matcher("x/" + charset).matches() ? ", not " + charset : ""));
        }
      }
    }
  }
}
