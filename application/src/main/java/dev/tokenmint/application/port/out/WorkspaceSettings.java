package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.RateLimit;
import java.util.Optional;
import java.util.Set;

/** The stored per-workspace settings that are not part of the workspace's identity. */
public interface WorkspaceSettings {

  /**
   * The algorithms the workspace's verification accepts, as its admin set them; empty when never
   * set (the operator's global list then applies).
   */
  Optional<Set<SigningAlgorithm>> allowedAlgorithms(String workspaceId);

  /**
   * Stores the workspace's list of accepted algorithms, replacing any previous one. The caller
   * checks the list (non-empty, within the operator's list); the store keeps it as given.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when the store knows of no workspace
   *     with this id
   */
  void setAllowedAlgorithms(String workspaceId, Set<SigningAlgorithm> algorithms);

  /**
   * The workspace's own limit on the requests of each of its credentials, as its operator set it
   * ({@link RateLimit#NONE}: none for this workspace); empty when never set or cleared (the
   * operator's global default then applies).
   */
  Optional<RateLimit> rateLimit(String workspaceId);

  /**
   * Stores the workspace's own per-credential limit, replacing any previous one; empty clears it.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when the store knows of no workspace
   *     with this id
   */
  void setRateLimit(String workspaceId, Optional<RateLimit> limit);
}
