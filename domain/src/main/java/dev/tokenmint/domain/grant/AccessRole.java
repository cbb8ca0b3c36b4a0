package dev.tokenmint.domain.grant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a grant allows on its resource. {@code editor} includes {@code viewer}. */
public enum AccessRole {
  VIEWER("viewer"),
  EDITOR("editor");

  /** The role a grant has when the request names none. */
  public static final AccessRole DEFAULT = EDITOR;

  /** The accepted wire names, in order, for error messages. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(AccessRole::wireName).toList();

  private final String wireName;

  AccessRole(String wireName) {
    this.wireName = wireName;
  }

  /** The lowercase name used on the wire and in tokens. */
  public String wireName() {
    return wireName;
  }

  /** True when holding this role allows what {@code required} allows. */
  public boolean includes(AccessRole required) {
    return this.ordinal() >= required.ordinal();
  }

  /** The role with this exact lowercase wire name, if any. */
  public static Optional<AccessRole> fromWireName(String name) {
    for (AccessRole role : values()) {
      if (role.wireName.equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
