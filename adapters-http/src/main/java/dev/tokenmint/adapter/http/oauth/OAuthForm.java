package dev.tokenmint.adapter.http.oauth;

import dev.tokenmint.adapter.http.error.OAuthError;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a request to an OAuth route, read as its RFCs ask: the body is {@code
 * application/x-www-form-urlencoded} (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1, RFC 8693 §2.1),
 * a parameter sent more than once is refused (RFC 6749 §3.1: "Request and response parameters MUST
 * NOT be included more than once"), a parameter without a value counts as absent (§3.1: "MUST be
 * treated as if they were omitted"), and unknown parameters are ignored (§3.2: "MUST ignore
 * unrecognized request parameters"). Every refusal is {@code invalid_request}.
 */
final class OAuthForm {

  private static final String FORM = "application/x-www-form-urlencoded";

  private final Map<String, List<String>> parameters;

  private OAuthForm(Map<String, List<String>> parameters) {
    this.parameters = parameters;
  }

  /**
   * The form of {@code ctx}'s body.
   *
   * @throws OAuthError {@code invalid_request} when the body is not a form, does not decode, or
   *     repeats a parameter
   */
  static OAuthForm of(Context ctx) {
    String type = ctx.header("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim();
    if (!mediaType.equalsIgnoreCase(FORM)) {
      throw OAuthError.badRequest(
          OAuthError.INVALID_REQUEST,
          "send the parameters as a form: Content-Type "
              + FORM
              + " (RFC 6749 §3.2)"
              + (type == null ? "" : ", not " + printable(mediaType)));
    }
    Map<String, List<String>> parameters;
    try {
      parameters = ctx.formParamMap();
    } catch (IllegalArgumentException e) {
      throw OAuthError.badRequest(
          OAuthError.INVALID_REQUEST, "the form does not decode: a %-escape is broken");
    }
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      if (parameter.getValue().stream().filter(value -> !value.isEmpty()).count() > 1) {
        throw OAuthError.badRequest(
            OAuthError.INVALID_REQUEST,
            "the parameter '"
                + printable(parameter.getKey())
                + "' is given more than once; send each parameter once (RFC 6749 §3.1)");
      }
    }
    return new OAuthForm(parameters);
  }

  /** The value of {@code name}, when it is given with a value. */
  Optional<String> optional(String name) {
    return parameters.getOrDefault(name, List.of()).stream().filter(v -> !v.isEmpty()).findFirst();
  }

  /**
   * The value of {@code name}.
   *
   * @throws OAuthError {@code invalid_request} when it is missing or empty
   */
  String required(String name) {
    return optional(name)
        .orElseThrow(
            () ->
                OAuthError.badRequest(
                    OAuthError.INVALID_REQUEST, "the parameter '" + name + "' is required"));
  }

  /** {@code text} when it is short and printable ASCII, else a placeholder: echoed safely. */
  static String printable(String text) {
    return text.length() <= 64 && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
        ? text
        : "(a value that is not shown)";
  }
}
