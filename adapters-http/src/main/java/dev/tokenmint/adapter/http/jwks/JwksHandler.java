package dev.tokenmint.adapter.http.jwks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenmint.application.port.in.PublishKeys;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /.well-known/jwks.json} and {@code GET /workspaces/{apiKey}/.well-known/jwks.json}:
 * the public keys that verify a workspace's tokens, each stored JWK read with {@code mapper}.
 * Cached briefly by clients, so a rotated key shows up within a minute.
 */
public record JwksHandler(PublishKeys publishKeys, ObjectMapper mapper) {

  /** How long clients may cache the set, in seconds. */
  static final int MAX_AGE_SECONDS = 60;

  /** The default workspace's set. */
  public void defaultWorkspace(Context ctx) {
    write(ctx, publishKeys.publicJwks(Optional.empty()));
  }

  /** The set of the workspace named by the {@code apiKey} path parameter. */
  public void workspace(Context ctx) {
    write(ctx, publishKeys.publicJwks(Optional.of(ctx.pathParam("apiKey"))));
  }

  private void write(Context ctx, List<String> publicJwks) {
    ctx.header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS);
    ctx.json(new JwkSet(publicJwks.stream().map(this::parse).toList()));
  }

  private JsonNode parse(String jwk) {
    try {
      return mapper.readTree(jwk);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored public JWK is not JSON", e);
    }
  }

  /** {@code {"keys": [...]}} (RFC 7517, section 5). */
  record JwkSet(List<JsonNode> keys) {}
}
