package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The public keys that verify a workspace's tokens, for its JWKS. */
public interface PublishKeys {

  /**
   * The public JWKs (JSON objects, each with {@code kid}, {@code alg}, {@code use}) of every key of
   * the workspace that can still verify: the default workspace when {@code apiKey} is empty.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when no workspace has that API key
   */
  List<String> publicJwks(Optional<String> apiKey);

  /**
   * The workspace whose tokens a resource server is to trust, with the algorithms its tokens may be
   * signed with: for its authorization server metadata. The default workspace when {@code apiKey}
   * is empty.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when no workspace has that API key
   */
  Issuer issuer(Optional<String> apiKey);

  /**
   * A workspace, whose {@code issuer} its tokens carry, and the algorithms they are signed with.
   */
  record Issuer(Workspace workspace, Set<SigningAlgorithm> algorithms) {
    /** Both are required; the algorithms are copied. */
    public Issuer {
      Objects.requireNonNull(workspace, "workspace");
      algorithms = Set.copyOf(algorithms);
    }
  }
}
