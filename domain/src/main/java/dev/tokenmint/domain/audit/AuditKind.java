package dev.tokenmint.domain.audit;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.WireNamed;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an audit event records: a token minted, or one kind of administrative change. */
public enum AuditKind implements WireNamed {
  /** A token was minted (either dialect). */
  TOKEN_MINTED,
  /**
   * A token was exchanged for a narrower one (RFC 8693): the event's token is the child, its target
   * the parent.
   */
  TOKEN_EXCHANGED,
  /** A token was revoked, by itself or by its {@code jti}. */
  TOKEN_REVOKED,
  /** A workspace was created, with its first signing key. */
  WORKSPACE_CREATED,
  /** A credential was issued. */
  CREDENTIAL_CREATED,
  /** A credential was revoked. */
  CREDENTIAL_REVOKED,
  /** A new signing key became active, the previous one retiring. */
  KEY_ROTATED,
  /** The algorithms the workspace's verification accepts were set. */
  ALGORITHMS_CHANGED,
  /** A user became a member of an organization, folder or document. */
  USER_ADDED,
  /** A member's profile or role was updated. */
  USER_UPDATED,
  /** A user stopped being a member of an organization, folder or document. */
  USER_DELETED,
  /** Grants were stored for a user. */
  GRANTS_ADDED,
  /** Stored grants of a user were removed. */
  GRANTS_REMOVED;

  /** Every wire name, in this order, for error messages. */
  public static final List<String> WIRE_NAMES = WireNamed.wireNames(values());

  /** The name on the wire and in storage, dotted: {@code user.added}. */
  @Override
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The kind with this exact wire name, if any. */
  public static Optional<AuditKind> fromWireName(String name) {
    return WireNamed.find(values(), name);
  }

  /**
   * The kind named {@code name}, given as {@code field}.
   *
   * @throws InvalidArgumentException naming {@code field} and listing the kinds when there is none
   */
  public static AuditKind parse(String field, String name) {
    Violations violations = new Violations();
    Optional<AuditKind> kind = WireNamed.parse(violations, field, values(), name);
    violations.throwIfAny();
    return kind.orElseThrow();
  }
}
