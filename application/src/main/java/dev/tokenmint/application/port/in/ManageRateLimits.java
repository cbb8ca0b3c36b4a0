package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.Workspace;
import java.util.Optional;

/**
 * Which rate limits apply: on the requests of each credential (the operator's default, or its
 * workspace's own), and on failed authentications from one client. Counting requests against them
 * is the caller's part.
 */
public interface ManageRateLimits {

  /**
   * The limit on the requests of {@code caller}'s credential: its workspace's own limit when one is
   * set, else the operator's default. A limit set or cleared by another process is seen within the
   * period the implementation remembers it for.
   */
  default RateLimit perCredential(Caller caller) {
    return perCredential(caller.workspace());
  }

  /**
   * The limit on the requests of each credential of {@code workspace}, and of each token family
   * exchanging tokens in it (a minted token and the tokens exchanged from it): its own limit when
   * one is set, else the operator's default.
   */
  RateLimit perCredential(Workspace workspace);

  /** The limit on failed authentications from one client, whatever credential they presented. */
  RateLimit failedAuthentications();

  /** The operator's default limit on the requests of each credential. */
  RateLimit defaultPerCredential();

  /**
   * The own per-credential limit of the workspace with {@code apiKey}; empty when it follows the
   * operator's default.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when no workspace has that API key
   */
  Optional<RateLimit> workspaceLimit(String apiKey);

  /**
   * Gives the workspace with {@code apiKey} its own per-credential limit ({@link RateLimit#NONE}:
   * none, whatever the default), or with empty returns it to the operator's default.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when no workspace has that API key
   */
  void setWorkspaceLimit(String apiKey, Optional<RateLimit> limit);
}
