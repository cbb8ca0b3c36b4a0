package dev.tokenmint.domain.workspace;

import dev.tokenmint.domain.failure.PermissionDeniedException;
import dev.tokenmint.domain.failure.Required;
import java.util.Optional;

/**
 * An authenticated caller: the workspace it acts in, the credential it used, that role, and the id
 * of the request it made when it came over HTTP (audit events carry it).
 */
public record Caller(
    Workspace workspace, String credentialId, CredentialRole role, Optional<String> requestId) {

  private static final int MAX_REQUEST_ID_LENGTH = 128;

  /**
   * Every part is required; a request id is 1 to 128 of {@code A-Z a-z 0-9 . _ : -}.
   *
   * @throws IllegalArgumentException when the request id breaks that rule
   */
  public Caller {
    Required.all(workspace, credentialId, role, requestId);
    requestId.ifPresent(
        id -> {
          if (!isRequestId(id)) {
            throw new IllegalArgumentException("requestId must be 1 to 128 of A-Z a-z 0-9 . _ : -");
          }
        });
  }

  /** A caller outside any request (the command line, an embedder). */
  public Caller(Workspace workspace, String credentialId, CredentialRole role) {
    this(workspace, credentialId, role, Optional.empty());
  }

  /** Whether {@code value} is a well-formed request id: 1 to 128 of {@code A-Z a-z 0-9 . _ : -}. */
  public static boolean isRequestId(String value) {
    // Every allowed character is one UTF-16 unit, so counting units counts characters.
    if (value == null || value.isEmpty() || value.length() > MAX_REQUEST_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * This caller, making the request with id {@code requestId}.
   *
   * @throws IllegalArgumentException when the id is not well formed
   */
  public Caller withRequestId(String requestId) {
    return new Caller(workspace, credentialId, role, Optional.of(requestId));
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
