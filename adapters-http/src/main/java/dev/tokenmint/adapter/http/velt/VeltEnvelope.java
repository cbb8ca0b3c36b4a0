package dev.tokenmint.adapter.http.velt;

/** Velt's success envelope: {@code {"result":{"status":"success","message":…,"data":…}}}. */
record VeltEnvelope(Result result) {

  /** The envelope around {@code data} with {@code message}. */
  static VeltEnvelope success(String message, Object data) {
    return new VeltEnvelope(new Result("success", message, data));
  }

  record Result(String status, String message, Object data) {}
}
