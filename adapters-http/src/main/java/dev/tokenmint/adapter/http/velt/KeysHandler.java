package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.ManageKeys.KeyView;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v2/keys/rotate}, {@code POST /v2/keys/get} and {@code POST /v2/keys/algorithms}: the
 * caller's workspace's key ring and the algorithms its verification accepts. Keys are shown by
 * their public parts only; the private part never leaves the use case.
 */
public final class KeysHandler {

  static final String ROTATED = "Key rotated successfully.";
  static final String RETRIEVED = "Keys retrieved successfully.";
  static final String ALLOWED = "Allowed algorithms set successfully.";

  private final Callers callers;
  private final JsonBodies bodies;
  private final ManageKeys manageKeys;
  private final Map<String, String> signingProviders;

  /** A handler authenticating with {@code callers} and managing keys with the use case. */
  public KeysHandler(
      Callers callers,
      JsonBodies bodies,
      ManageKeys manageKeys,
      Map<SigningAlgorithm, String> signingProviders) {
    this.callers = callers;
    this.bodies = bodies;
    this.manageKeys = manageKeys;
    Map<String, String> byName = new LinkedHashMap<>();
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      if (signingProviders.containsKey(algorithm)) {
        byName.put(algorithm.joseName(), signingProviders.get(algorithm));
      }
    }
    this.signingProviders = Collections.unmodifiableMap(byName);
  }

  /** {@code POST /v2/keys/rotate}: the new active key, {@code {kid, algorithm, createdAt}}. */
  public void rotate(Context ctx) {
    Caller caller = callers.of(ctx);
    readNothing(ctx);
    SigningKey key = manageKeys.rotate(caller);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kid", key.kid());
    data.put("algorithm", key.algorithm().joseName());
    data.put("createdAt", key.createdAt().getEpochSecond());
    answer(ctx, ROTATED, data);
  }

  /**
   * {@code POST /v2/keys/get}: {@code {keys: [...], allowedAlgorithms: [...], signingProviders:
   * {alg: provider}}}, keys newest first, the algorithms the workspace's verification accepts in a
   * fixed order, and the JCA provider that signs and verifies each algorithm on this instance.
   */
  public void get(Context ctx) {
    Caller caller = callers.of(ctx);
    readNothing(ctx);
    List<Map<String, Object>> keys = manageKeys.keys(caller).stream().map(this::view).toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("keys", keys);
    data.put("allowedAlgorithms", names(manageKeys.allowedAlgorithms(caller)));
    data.put("signingProviders", signingProviders);
    answer(ctx, RETRIEVED, data);
  }

  /**
   * {@code POST /v2/keys/algorithms} with {@code {"allowed": [...]}}: sets the algorithms the
   * workspace's verification accepts; answers {@code {allowedAlgorithms: [...]}}, as now effective.
   */
  public void allowAlgorithms(Context ctx) {
    Caller caller = callers.of(ctx);
    Set<SigningAlgorithm> wanted =
        bodies.read(ctx.bodyAsBytes(), AllowAlgorithmsRequest.class, true).algorithms();
    Set<SigningAlgorithm> effective = manageKeys.allowAlgorithms(caller, wanted);
    answer(ctx, ALLOWED, Map.of("allowedAlgorithms", names(effective)));
  }

  /** The JOSE names, in the order of {@link SigningAlgorithm}. */
  private static List<String> names(Set<SigningAlgorithm> algorithms) {
    return Arrays.stream(SigningAlgorithm.values())
        .filter(algorithms::contains)
        .map(SigningAlgorithm::joseName)
        .toList();
  }

  /** Rotate and get take no fields; an empty body is as good as {@code {}}. */
  private void readNothing(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length > 0) {
      bodies.read(body, KeysRequest.class, true);
    }
  }

  private static void answer(Context ctx, String message, Map<String, Object> data) {
    ctx.header("Cache-Control", "no-store");
    ctx.json(VeltEnvelope.success(message, data));
  }

  /**
   * {@code {kid, algorithm, status, createdAt, retiringSince?, verifiesUntil?, publicJwk?}}; a
   * symmetric key has no public part, so no {@code publicJwk}.
   */
  private Map<String, Object> view(KeyView view) {
    SigningKey key = view.key();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kid", key.kid());
    data.put("algorithm", key.algorithm().joseName());
    data.put("status", status(key.status()));
    data.put("createdAt", key.createdAt().getEpochSecond());
    view.retiringSince().ifPresent(at -> data.put("retiringSince", at.getEpochSecond()));
    view.verifiesUntil().ifPresent(at -> data.put("verifiesUntil", at.getEpochSecond()));
    if (!key.publicJwk().isEmpty()) {
      data.put("publicJwk", publicJwk(key));
    }
    return data;
  }

  private JsonNode publicJwk(SigningKey key) {
    try {
      return bodies.mapper().readTree(key.publicJwk());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the public JWK of key " + key.kid() + " is not JSON", e);
    }
  }

  private static String status(KeyStatus status) {
    return switch (status) {
      case ACTIVE -> "active";
      case RETIRING -> "retiring";
      case RETIRED -> "retired";
    };
  }
}
