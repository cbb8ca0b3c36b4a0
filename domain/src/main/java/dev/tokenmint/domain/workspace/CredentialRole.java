package dev.tokenmint.domain.workspace;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a credential may do. {@code admin} includes everything {@code issuer} may do. */
public enum CredentialRole {
  /** Mint tokens, verify them, read the JWKS. */
  ISSUER("issuer"),
  /** Everything: users, permissions, keys, credentials, and what an issuer does. */
  ADMIN("admin");

  /** The accepted wire names, in order, for error messages. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(CredentialRole::wireName).toList();

  private final String wireName;

  CredentialRole(String wireName) {
    this.wireName = wireName;
  }

  /** The lowercase name used on the wire and in storage. */
  public String wireName() {
    return wireName;
  }

  /** True when holding this role allows what {@code required} allows. */
  public boolean includes(CredentialRole required) {
    return this.ordinal() >= required.ordinal();
  }

  /** The role with this exact lowercase wire name, if any. */
  public static Optional<CredentialRole> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
  }
}
