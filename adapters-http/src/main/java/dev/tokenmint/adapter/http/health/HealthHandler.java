package dev.tokenmint.adapter.http.health;

import dev.tokenmint.application.port.in.CheckReadiness;
import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /health/live} (the process answers) and {@code GET /health/ready} (it can serve). */
public final class HealthHandler {

  private final CheckReadiness readiness;

  /** A handler asking {@code readiness}. */
  public HealthHandler(CheckReadiness readiness) {
    this.readiness = readiness;
  }

  /** Always {@code {"status":"UP"}} while the process serves HTTP. */
  public void live(Context ctx) {
    ctx.json(Map.of("status", "UP"));
  }

  /** {@code UP} with 200, or {@code DOWN} with 503, with each check's outcome. */
  public void ready(Context ctx) {
    CheckReadiness.Readiness outcome = readiness.readiness();
    ctx.status(outcome.ready() ? 200 : 503);
    ctx.json(new Ready(outcome.ready() ? "UP" : "DOWN", outcome.checks()));
  }

  record Ready(String status, Map<String, String> checks) {}
}
