package dev.tokenmint.domain.resource;

import dev.tokenmint.domain.identifier.WireNamed;
import java.util.List;
import java.util.Optional;

/** The kinds of resource a grant can name, from the broadest to the most specific. */
public enum ResourceType implements WireNamed {
  ORGANIZATION,
  FOLDER,
  DOCUMENT;

  /** The accepted wire names, in order, for error messages. */
  public static final List<String> WIRE_NAMES = WireNamed.wireNames(values());

  /** The type with this exact lowercase wire name, if any. */
  public static Optional<ResourceType> fromWireName(String name) {
    return WireNamed.find(values(), name);
  }
}
