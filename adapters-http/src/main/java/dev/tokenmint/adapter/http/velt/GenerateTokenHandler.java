package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.application.port.in.MintToken;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;

/** {@code POST /v2/auth/generate_token}: mint a Velt-profile token. */
public record GenerateTokenHandler(VeltExchange velt, MintToken mintToken) {

  /** Handles one request. */
  public void handle(Context ctx) {
    Caller caller = velt.caller(ctx);
    GenerateTokenRequest request = velt.read(ctx, GenerateTokenRequest.class);
    MintedToken minted = mintToken.mint(caller, request.toCommand());
    minted
        .warnings()
        .forEach(warning -> ctx.header("Warning", "299 tokenmint \"" + warning + "\""));
    velt.answer(ctx, "Token generated successfully.", new Token(minted.token()));
  }

  /** {@code {"token": …}}. */
  record Token(String token) {}
}
