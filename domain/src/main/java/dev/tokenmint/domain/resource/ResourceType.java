package dev.tokenmint.domain.resource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of resource a grant can name, from the broadest to the most specific. */
public enum ResourceType {
  ORGANIZATION("organization"),
  FOLDER("folder"),
  DOCUMENT("document");

  /** The accepted wire names, in order, for error messages. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(ResourceType::wireName).toList();

  private final String wireName;

  ResourceType(String wireName) {
    this.wireName = wireName;
  }

  /** The lowercase name used on the wire and in tokens. */
  public String wireName() {
    return wireName;
  }

  /** The type with this exact lowercase wire name, if any. */
  public static Optional<ResourceType> fromWireName(String name) {
    for (ResourceType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
