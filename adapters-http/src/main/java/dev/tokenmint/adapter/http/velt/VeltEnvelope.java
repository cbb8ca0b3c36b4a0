package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * Velt's success envelope: {@code {"result":{"status":"success","message":…,"data":…}}}, with
 * {@code nextPageToken} beside {@code data} on a page that has a next one.
 */
record VeltEnvelope(Result result) {

  /** The envelope around {@code data} with {@code message}. */
  static VeltEnvelope success(String message, Object data) {
    return new VeltEnvelope(new Result("success", message, data, null));
  }

  /** The envelope around one page of {@code data}; the token only when there is a next page. */
  static VeltEnvelope page(String message, Object data, Optional<String> nextPageToken) {
    return new VeltEnvelope(new Result("success", message, data, nextPageToken.orElse(null)));
  }

  record Result(
      String status,
      String message,
      Object data,
      @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {}
}
