package dev.tokenmint.domain.grant;

import dev.tokenmint.domain.identifier.WireNamed;
import java.util.List;
import java.util.Optional;

/** What a grant allows on its resource. {@code editor} includes {@code viewer}. */
public enum AccessRole implements WireNamed {
  VIEWER,
  EDITOR;

  /** The role a grant has when the request names none. */
  public static final AccessRole DEFAULT = EDITOR;

  /** The accepted wire names, in order, for error messages. */
  public static final List<String> WIRE_NAMES = WireNamed.wireNames(values());

  /** True when holding this role allows what {@code required} allows. */
  public boolean includes(AccessRole required) {
    return this.ordinal() >= required.ordinal();
  }

  /** The role with this exact lowercase wire name, if any. */
  public static Optional<AccessRole> fromWireName(String name) {
    return WireNamed.find(values(), name);
  }
}
