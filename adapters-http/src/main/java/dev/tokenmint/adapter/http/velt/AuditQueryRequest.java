package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.application.port.in.ReadAudit.AuditQuery;
import java.util.Optional;

/**
 * The body of {@code POST /v2/audit/get}: every field optional. {@code since} and {@code until} are
 * Unix seconds ({@code since} included, {@code until} excluded); {@code pageSize} defaults to
 * {@value AuditQuery#DEFAULT_PAGE_SIZE}; an empty {@code pageToken} means the first page, as in
 * users/get. The rules on the values are the use case's.
 */
record AuditQueryRequest(
    String kind,
    String userId,
    String jti,
    Long since,
    Long until,
    Integer pageSize,
    String pageToken) {

  AuditQuery toQuery() {
    return new AuditQuery(
        Optional.ofNullable(kind),
        Optional.ofNullable(userId),
        Optional.ofNullable(jti),
        Optional.ofNullable(since),
        Optional.ofNullable(until),
        pageSize == null ? AuditQuery.DEFAULT_PAGE_SIZE : pageSize,
        Optional.ofNullable(pageToken).filter(token -> !token.isEmpty()));
  }
}
