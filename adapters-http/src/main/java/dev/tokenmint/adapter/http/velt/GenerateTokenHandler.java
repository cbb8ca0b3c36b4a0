package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.port.in.MintToken;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.Map;

/** {@code POST /v2/auth/generate_token}: mint a Velt-profile token. */
public final class GenerateTokenHandler {

  static final String SUCCESS_MESSAGE = "Token generated successfully.";

  private final Callers callers;
  private final JsonBodies bodies;
  private final MintToken mintToken;

  /** A handler authenticating with {@code callers} and minting with {@code mintToken}. */
  public GenerateTokenHandler(Callers callers, JsonBodies bodies, MintToken mintToken) {
    this.callers = callers;
    this.bodies = bodies;
    this.mintToken = mintToken;
  }

  /** Handles one request. */
  public void handle(Context ctx) {
    Caller caller = callers.of(ctx);
    GenerateTokenRequest request = bodies.read(ctx.bodyAsBytes(), GenerateTokenRequest.class, true);
    MintedToken minted = mintToken.mint(caller, request.toCommand());
    minted.warnings().forEach(warning -> ctx.header("Warning", "299 tokenmint \"" + warning + "\""));
    ctx.header("Cache-Control", "no-store");
    ctx.json(VeltEnvelope.success(SUCCESS_MESSAGE, Map.of("token", minted.token())));
  }
}
