package dev.tokenmint.domain.workspace;

import dev.tokenmint.domain.failure.PermissionDeniedException;
import java.util.Objects;

/** An authenticated caller: the workspace it acts in, the credential it used, and that role. */
public record Caller(Workspace workspace, String credentialId, CredentialRole role) {

  /** Every part is required. */
  public Caller {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(role, "role");
  }

  /**
   * Checks that the caller's role allows what {@code required} allows.
   *
   * @throws PermissionDeniedException when it does not
   */
  public void require(CredentialRole required) {
    if (!role.includes(required)) {
      throw new PermissionDeniedException(
          "this operation needs the '"
              + required.wireName()
              + "' role; the credential used has '"
              + role.wireName()
              + "'");
    }
  }
}
