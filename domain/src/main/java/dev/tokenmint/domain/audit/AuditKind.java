package dev.tokenmint.domain.audit;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What an audit event records: a token minted, or one kind of administrative change. */
public enum AuditKind {
  /** A token was minted (either dialect). */
  TOKEN_MINTED("token.minted"),
  /**
   * A token was exchanged for a narrower one (RFC 8693): the event's token is the child, its
   * target the parent.
   */
  TOKEN_EXCHANGED("token.exchanged"),
  /** A token was revoked, by itself or by its {@code jti}. */
  TOKEN_REVOKED("token.revoked"),
  /** A workspace was created, with its first signing key. */
  WORKSPACE_CREATED("workspace.created"),
  /** A credential was issued. */
  CREDENTIAL_CREATED("credential.created"),
  /** A credential was revoked. */
  CREDENTIAL_REVOKED("credential.revoked"),
  /** A new signing key became active, the previous one retiring. */
  KEY_ROTATED("key.rotated"),
  /** The algorithms the workspace's verification accepts were set. */
  ALGORITHMS_CHANGED("algorithms.changed"),
  /** A user became a member of an organization, folder or document. */
  USER_ADDED("user.added"),
  /** A member's profile or role was updated. */
  USER_UPDATED("user.updated"),
  /** A user stopped being a member of an organization, folder or document. */
  USER_DELETED("user.deleted"),
  /** Grants were stored for a user. */
  GRANTS_ADDED("grants.added"),
  /** Stored grants of a user were removed. */
  GRANTS_REMOVED("grants.removed");

  /** Every wire name, in this order, for error messages. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(AuditKind::wireName).toList();

  private final String wireName;

  AuditKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in storage: {@code user.added}. */
  public String wireName() {
    return wireName;
  }

  /** The kind with this exact wire name, if any. */
  public static Optional<AuditKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
  }

  /**
   * The kind named {@code name}, given as {@code field}.
   *
   * @throws InvalidArgumentException naming {@code field} and listing the kinds when there is none
   */
  public static AuditKind parse(String field, String name) {
    return fromWireName(name)
        .orElseThrow(
            () ->
                new InvalidArgumentException(
                    field, "must be one of " + WIRE_NAMES + ", got '" + name + "'"));
  }
}
