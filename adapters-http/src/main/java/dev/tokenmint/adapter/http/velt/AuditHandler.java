package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenmint.application.port.in.ReadAudit;
import dev.tokenmint.application.port.in.ReadAudit.AuditPage;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;

/**
 * {@code POST /v2/audit/get}: a page of the caller's workspace's audit events, newest first, in the
 * Velt envelope and paged as users/get is.
 */
public record AuditHandler(VeltExchange velt, ReadAudit readAudit) {

  /** {@code POST /v2/audit/get}: {@code data} is the list of events. */
  public void get(Context ctx) {
    Caller caller = velt.caller(ctx);
    AuditQueryRequest request = velt.readOrEmpty(ctx, AuditQueryRequest.class);
    AuditPage page = readAudit.read(caller, request.toQuery());
    velt.answerPage(
        ctx,
        "Audit events retrieved successfully.",
        page.events().stream().map(Event::of).toList(),
        page.nextPageToken());
  }

  /**
   * An event as listed: {@code at} in Unix seconds, then the parts it has; those it lacks are
   * omitted, never {@code null}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(
      long at,
      String kind,
      String actor,
      String target,
      String userId,
      String jti,
      String detail,
      String requestId) {
    static Event of(AuditEvent event) {
      return new Event(
          event.at().getEpochSecond(),
          event.kind().wireName(),
          event.actor(),
          event.target().orElse(null),
          event.userId().orElse(null),
          event.jti().orElse(null),
          event.detail().orElse(null),
          event.requestId().orElse(null));
    }
  }
}
