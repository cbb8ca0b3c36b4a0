package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.ManageKeys.KeyView;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v2/keys/rotate}, {@code POST /v2/keys/get} and {@code POST /v2/keys/algorithms}: the
 * caller's workspace's key ring and the algorithms its verification accepts. Keys are shown by
 * their public parts only; the private part never leaves the use case. {@code signingProviders}
 * names the JCA provider that signs and verifies each algorithm on this instance.
 */
public record KeysHandler(
    VeltExchange velt, ManageKeys manageKeys, Map<SigningAlgorithm, String> signingProviders) {

  /** Copies the providers. */
  public KeysHandler {
    signingProviders = Map.copyOf(signingProviders);
  }

  /** {@code POST /v2/keys/rotate}: the new active key. */
  public void rotate(Context ctx) {
    Caller caller = velt.caller(ctx);
    velt.readOrEmpty(ctx, KeysRequest.class);
    SigningKey key = manageKeys.rotate(caller);
    velt.answer(
        ctx,
        "Key rotated successfully.",
        new RotatedKey(key.kid(), key.algorithm().joseName(), key.createdAt().getEpochSecond()));
  }

  /**
   * {@code POST /v2/keys/get}: the keys newest first, the algorithms the workspace's verification
   * accepts and each algorithm's provider.
   */
  public void get(Context ctx) {
    Caller caller = velt.caller(ctx);
    velt.readOrEmpty(ctx, KeysRequest.class);
    List<Key> keys = manageKeys.keys(caller).stream().map(this::key).toList();
    velt.answer(
        ctx,
        "Keys retrieved successfully.",
        new KeyRing(keys, names(manageKeys.allowedAlgorithms(caller)), providers()));
  }

  /**
   * {@code POST /v2/keys/algorithms} with {@code {"allowed": [...]}}: sets the algorithms the
   * workspace's verification accepts; answers them as now effective.
   */
  public void allowAlgorithms(Context ctx) {
    Caller caller = velt.caller(ctx);
    Set<SigningAlgorithm> wanted = velt.read(ctx, AllowAlgorithmsRequest.class).algorithms();
    Set<SigningAlgorithm> effective = manageKeys.allowAlgorithms(caller, wanted);
    velt.answer(ctx, "Allowed algorithms set successfully.", new Allowed(names(effective)));
  }

  /** The JOSE names, in the order of {@link SigningAlgorithm}. */
  private static List<String> names(Set<SigningAlgorithm> algorithms) {
    return Arrays.stream(SigningAlgorithm.values())
        .filter(algorithms::contains)
        .map(SigningAlgorithm::joseName)
        .toList();
  }

  /** The providers by JOSE name, in the order of {@link SigningAlgorithm}. */
  private Map<String, String> providers() {
    Map<String, String> byName = new LinkedHashMap<>();
    for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
      if (signingProviders.containsKey(algorithm)) {
        byName.put(algorithm.joseName(), signingProviders.get(algorithm));
      }
    }
    return byName;
  }

  private Key key(KeyView view) {
    SigningKey key = view.key();
    return new Key(
        key.kid(),
        key.algorithm().joseName(),
        status(key.status()),
        key.createdAt().getEpochSecond(),
        view.retiringSince().map(Instant::getEpochSecond).orElse(null),
        view.verifiesUntil().map(Instant::getEpochSecond).orElse(null),
        key.publicJwk().isEmpty() ? null : publicJwk(key));
  }

  private JsonNode publicJwk(SigningKey key) {
    try {
      return velt.bodies().mapper().readTree(key.publicJwk());
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

  /** {@code {kid, algorithm, createdAt}}: the key a rotation made. */
  record RotatedKey(String kid, String algorithm, long createdAt) {}

  /** {@code {keys: [...], allowedAlgorithms: [...], signingProviders: {alg: provider}}}. */
  record KeyRing(
      List<Key> keys, List<String> allowedAlgorithms, Map<String, String> signingProviders) {}

  /**
   * {@code {kid, algorithm, status, createdAt, retiringSince?, verifiesUntil?, publicJwk?}}; a
   * symmetric key has no public part, so no {@code publicJwk}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Key(
      String kid,
      String algorithm,
      String status,
      long createdAt,
      Long retiringSince,
      Long verifiesUntil,
      JsonNode publicJwk) {}

  /** {@code {allowedAlgorithms: [...]}}. */
  record Allowed(List<String> allowedAlgorithms) {}
}
