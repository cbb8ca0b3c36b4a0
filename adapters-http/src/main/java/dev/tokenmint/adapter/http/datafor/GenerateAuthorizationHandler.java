package dev.tokenmint.adapter.http.datafor;

import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonAnswers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.port.in.GenerateAuthorization;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;

/** {@code POST /plugin/datafor-modeler/api/token/generateAuthorization}: mint a Datafor token. */
public record GenerateAuthorizationHandler(
    Callers callers, JsonBodies bodies, GenerateAuthorization generateAuthorization) {

  /** Handles one request; Datafor's bodies are never wrapped. */
  public void handle(Context ctx) {
    Caller caller = callers.of(ctx);
    GenerateAuthorizationRequest request =
        bodies.read(ctx.bodyAsBytes(), GenerateAuthorizationRequest.class, false);
    MintedToken minted = generateAuthorization.generate(caller, request.toCommand());
    JsonAnswers.write(ctx, new Response(true, minted.lifetimeSeconds(), minted.token()));
  }

  /** {@code {"success":true,"expire":86400,"token":…}}. */
  record Response(boolean success, long expire, String token) {}
}
