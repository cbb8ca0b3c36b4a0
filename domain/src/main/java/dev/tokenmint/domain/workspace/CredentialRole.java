package dev.tokenmint.domain.workspace;

import dev.tokenmint.domain.identifier.WireNamed;
import java.util.List;
import java.util.Optional;

/** What a credential may do. {@code admin} includes everything {@code issuer} may do. */
public enum CredentialRole implements WireNamed {
  /** Mint tokens, verify them, read the JWKS. */
  ISSUER,
  /** Everything: users, permissions, keys, credentials, and what an issuer does. */
  ADMIN;

  /** The accepted wire names, in order, for error messages. */
  public static final List<String> WIRE_NAMES = WireNamed.wireNames(values());

  /** True when holding this role allows what {@code required} allows. */
  public boolean includes(CredentialRole required) {
    return this.ordinal() >= required.ordinal();
  }

  /** The role with this exact lowercase wire name, if any. */
  public static Optional<CredentialRole> fromWireName(String name) {
    return WireNamed.find(values(), name);
  }
}
