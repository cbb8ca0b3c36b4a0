package dev.tokenmint.adapter.http.velt;

/**
 * The body of {@code POST /v2/keys/rotate} and {@code /v2/keys/get}: nothing to say, so an empty
 * body, {@code {}} or {@code {"data":{}}}; any field is refused as unknown.
 */
record KeysRequest() {}
