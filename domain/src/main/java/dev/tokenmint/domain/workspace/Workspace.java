package dev.tokenmint.domain.workspace;

import dev.tokenmint.domain.failure.Violations;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An isolated tenant: owns its credentials, keys, users, grants and settings. {@code apiKey} is its
 * public id; {@code isDefault} marks the workspace served at the bare issuer and {@code
 * /.well-known/jwks.json}; {@code issuer} is the {@code iss} of its tokens, fixed when it was
 * created (see {@link #issuerUnder}), so it never depends on how an instance is started.
 */
public record Workspace(String id, String apiKey, String name, boolean isDefault, String issuer) {

  /** The shape of an API key: 8 to 128 URL-safe characters. */
  public static final Pattern API_KEY = Pattern.compile("[A-Za-z0-9_-]{8,128}");

  /**
   * {@code apiKey} must be URL-safe (it appears in issuer URLs); {@code name} 1–256 chars; {@code
   * issuer} an http(s) URL without a trailing slash.
   */
  public Workspace {
    Objects.requireNonNull(id, "id");
    Violations violations = new Violations();
    violations.require(
        apiKey != null && API_KEY.matcher(apiKey).matches(),
        "apiKey",
        "must be 8 to 128 characters of A-Z, a-z, 0-9, '_' or '-'");
    violations.require(
        name != null && !name.isBlank() && name.length() <= 256,
        "name",
        "must be 1 to 256 characters");
    violations.require(
        issuer != null
            && (issuer.startsWith("https://") || issuer.startsWith("http://"))
            && !issuer.endsWith("/"),
        "issuer",
        "must be an http(s) URL without a trailing slash");
    violations.throwIfAny();
  }

  /**
   * The {@code iss} a workspace gets under the service's base issuer: the bare {@code baseIssuer}
   * for the default workspace, {@code <baseIssuer>/workspaces/<apiKey>} for the others, so a
   * verifier trusting one never accepts another's. A trailing slash of the base is dropped.
   */
  public static String issuerUnder(String baseIssuer, String apiKey, boolean isDefault) {
    String base =
        baseIssuer.endsWith("/") ? baseIssuer.substring(0, baseIssuer.length() - 1) : baseIssuer;
    return isDefault ? base : base + "/workspaces/" + apiKey;
  }
}
