package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.port.in.ReadAudit;
import dev.tokenmint.application.port.in.ReadAudit.AuditPage;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /v2/audit/get}: a page of the caller's workspace's audit events, newest first, in the
 * Velt envelope and paged as users/get is.
 */
public final class AuditHandler {

  static final String RETRIEVED = "Audit events retrieved successfully.";

  private final Callers callers;
  private final JsonBodies bodies;
  private final ReadAudit readAudit;

  /** A handler authenticating with {@code callers} and reading with {@code readAudit}. */
  public AuditHandler(Callers callers, JsonBodies bodies, ReadAudit readAudit) {
    this.callers = callers;
    this.bodies = bodies;
    this.readAudit = readAudit;
  }

  /** {@code POST /v2/audit/get}: {@code data} is the list of events. */
  public void get(Context ctx) {
    Caller caller = callers.of(ctx);
    byte[] body = ctx.bodyAsBytes();
    AuditQueryRequest request =
        body.length == 0
            ? new AuditQueryRequest(null, null, null, null, null, null, null)
            : bodies.read(body, AuditQueryRequest.class, true);
    AuditPage page = readAudit.read(caller, request.toQuery());
    List<Event> events = page.events().stream().map(Event::of).toList();
    ctx.header("Cache-Control", "no-store");
    ctx.json(VeltEnvelope.page(RETRIEVED, events, page.nextPageToken()));
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
