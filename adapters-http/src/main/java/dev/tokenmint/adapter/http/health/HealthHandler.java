package dev.tokenmint.adapter.http.health;

import dev.tokenmint.application.port.in.CheckReadiness;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (it can serve):
 * asking {@code readiness}, and not ready while {@code server} says anything but {@code "up"}
 * ({@code "starting"}, {@code "stopping"}).
 */
public record HealthHandler(CheckReadiness readiness, Supplier<String> server) {

  /** Always {@code {"status":"UP"}} while the process serves HTTP. */
  public void live(Context ctx) {
    ctx.json(new Live("UP"));
  }

  /** {@code UP} with 200, or {@code DOWN} with 503, with each check's outcome. */
  public void ready(Context ctx) {
    String state = server.get();
    if (!"up".equals(state)) {
      // Not before the start has finished (keys checked, default workspace provisioned), and the
      // first thing a stop does: load balancers take the instance out while requests finish.
      ctx.status(503);
      ctx.json(new Ready("DOWN", Map.of("server", state)));
      return;
    }
    CheckReadiness.Readiness outcome = readiness.readiness();
    ctx.status(outcome.ready() ? 200 : 503);
    ctx.json(new Ready(outcome.ready() ? "UP" : "DOWN", outcome.checks()));
  }

  /** {@code {"status": "UP"}}. */
  record Live(String status) {}

  /** {@code {"status": …, "checks": {name: outcome}}}. */
  record Ready(String status, Map<String, String> checks) {}
}
