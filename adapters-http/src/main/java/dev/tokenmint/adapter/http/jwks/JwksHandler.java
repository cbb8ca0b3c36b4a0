package dev.tokenmint.adapter.http.jwks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenmint.application.port.in.PublishKeys;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /.well-known/jwks.json} and {@code GET /workspaces/{apiKey}/.well-known/jwks.json}:
 * the public keys that verify a workspace's tokens. Cached briefly by clients, so a rotated key
 * shows up within a minute.
 */
public final class JwksHandler {

  /** How long clients may cache the set, in seconds. */
  static final int MAX_AGE_SECONDS = 60;

  private final PublishKeys publishKeys;
  private final ObjectMapper mapper;

  /** A handler publishing {@code publishKeys}' keys, written with {@code mapper}. */
  public JwksHandler(PublishKeys publishKeys, ObjectMapper mapper) {
    this.publishKeys = publishKeys;
    this.mapper = mapper;
  }

  /** The default workspace's set. */
  public void defaultWorkspace(Context ctx) {
    write(ctx, publishKeys.publicJwks(Optional.empty()));
  }

  /** The set of the workspace named by the {@code apiKey} path parameter. */
  public void workspace(Context ctx) {
    write(ctx, publishKeys.publicJwks(Optional.of(ctx.pathParam("apiKey"))));
  }

  private void write(Context ctx, List<String> publicJwks) {
    ObjectNode set = mapper.createObjectNode();
    ArrayNode keys = set.putArray("keys");
    for (String jwk : publicJwks) {
      try {
        keys.add(mapper.readTree(jwk));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored public JWK is not JSON", e);
      }
    }
    ctx.header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS);
    ctx.contentType("application/json");
    ctx.result(set.toString());
  }
}
