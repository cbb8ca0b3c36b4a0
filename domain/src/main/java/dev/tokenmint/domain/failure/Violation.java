package dev.tokenmint.domain.failure;

import java.util.Objects;

/**
 * One broken rule: the field path it concerns ({@code permissions.resources[1].organizationId}, or
 * empty for the whole request) and a message that states the rule.
 */
public record Violation(String field, String message) {

  /** Both parts are required; {@code field} may be empty. */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /**
   * This violation seen from one level up: {@code "[2]"} under {@code "resources"} becomes {@code
   * "resources[2]"}, {@code "id"} becomes {@code "resources.id"}.
   */
  public Violation under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    if (field.isEmpty()) {
      return new Violation(prefix, message);
    }
    String joined = field.startsWith("[") ? prefix + field : prefix + "." + field;
    return new Violation(joined, message);
  }

  /** {@code field: message}, or the bare message when the field is empty. */
  public String describe() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
