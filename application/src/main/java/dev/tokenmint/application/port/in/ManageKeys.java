package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Workspace;

/** Look after a workspace's key ring. */
public interface ManageKeys {

  /**
   * The workspace's active key; when it has none, or its active key uses another algorithm, a new
   * key of {@code algorithm} is generated and made active (the previous one turns retiring).
   */
  SigningKey ensureActiveKey(Workspace workspace, SigningAlgorithm algorithm);
}
