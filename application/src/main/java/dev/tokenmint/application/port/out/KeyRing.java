package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.key.SigningKey;
import java.util.List;
import java.util.Optional;

/** The stored signing keys of every workspace. */
public interface KeyRing {

  /** The workspace's active key, if it has one. */
  Optional<SigningKey> activeKey(String workspaceId);

  /** Every key of the workspace, newest first. */
  List<SigningKey> keys(String workspaceId);

  /**
   * Adds {@code key} as the workspace's active key; the previous active key, if any, becomes
   * retiring. Atomic.
   */
  void activate(String workspaceId, SigningKey key);
}
