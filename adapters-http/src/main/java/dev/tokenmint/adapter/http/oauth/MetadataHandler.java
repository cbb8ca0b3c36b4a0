package dev.tokenmint.adapter.http.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tokenmint.application.port.in.PublishKeys;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.Workspace;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authorization server metadata (RFC 8414) for every workspace issuer {@code I}: at {@code
 * I/.well-known/oauth-authorization-server} ({@code /.well-known/oauth-authorization-server} for
 * the default workspace, {@code /workspaces/{apiKey}/.well-known/oauth-authorization-server} for
 * the others), and at the location of RFC 8414 §3, the well-known name inserted between host and
 * path ({@code /.well-known/oauth-authorization-server/workspaces/{apiKey}}; with an issuer that
 * has a path, that path after the name). {@code issuer} is the workspace's stored issuer, byte for
 * byte the {@code iss} of its tokens (§3.3: a client MUST refuse metadata whose issuer differs from
 * the one it asked for). Only what this server serves is listed.
 */
public final class MetadataHandler {

  /** RFC 8414 §3's well-known URI suffix. */
  public static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

  /** RFC 8693 §2.1's grant type, the only one {@code /oauth2/token} serves. */
  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

  /** How long clients may cache the document, in seconds: as long as the JWKS. */
  static final int MAX_AGE_SECONDS = 60;

  private static final Pattern WORKSPACE_PATH = Pattern.compile(".*/workspaces/([^/]+)");

  private final PublishKeys publishKeys;

  /** Metadata for the workspaces {@code publishKeys} describes. */
  public MetadataHandler(PublishKeys publishKeys) {
    this.publishKeys = publishKeys;
  }

  /** {@code GET /.well-known/oauth-authorization-server}: the default workspace's metadata. */
  public void defaultWorkspace(Context ctx) {
    write(ctx, publishKeys.issuer(Optional.empty()));
  }

  /** {@code GET /workspaces/{apiKey}/.well-known/oauth-authorization-server}. */
  public void workspace(Context ctx) {
    write(ctx, publishKeys.issuer(Optional.of(ctx.pathParam("apiKey"))));
  }

  /**
   * {@code GET /.well-known/oauth-authorization-server/{issuerPath}} (RFC 8414 §3): the metadata of
   * the workspace whose issuer's path is exactly {@code issuerPath}; 404 for any other path.
   */
  public void byIssuerPath(Context ctx) {
    String path = "/" + ctx.pathParam("issuerPath");
    Matcher workspace = WORKSPACE_PATH.matcher(path);
    PublishKeys.Issuer issuer =
        publishKeys.issuer(
            workspace.matches() ? Optional.of(workspace.group(1)) : Optional.empty());
    if (!URI.create(issuer.workspace().issuer()).getRawPath().equals(path)) {
      throw new NotFoundResponse();
    }
    write(ctx, issuer);
  }

  private static void write(Context ctx, PublishKeys.Issuer issuer) {
    ctx.header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS);
    ctx.json(metadata(issuer));
  }

  /**
   * The document for {@code issuer}: the token endpoint is the workspace's own, under its issuer;
   * introspection and revocation are the service's, under its base URL, and tell workspaces apart
   * by the credential.
   */
  static Metadata metadata(PublishKeys.Issuer described) {
    Workspace workspace = described.workspace();
    String issuer = workspace.issuer();
    String base = baseOf(workspace);
    List<String> basic = List.of("client_secret_basic");
    return new Metadata(
        issuer,
        issuer + "/oauth2/token",
        issuer + "/.well-known/jwks.json",
        List.of(),
        List.of(TOKEN_EXCHANGE),
        List.of("none"),
        base + "/oauth2/introspect",
        basic,
        base + "/oauth2/revoke",
        basic,
        List.of("organization", "folder", "document"),
        EnumSet.copyOf(described.algorithms()).stream().map(SigningAlgorithm::joseName).toList(),
        base + "/docs");
  }

  /**
   * The URL the service's own routes are under: the default workspace's issuer, which every other
   * workspace's issuer extends with {@code /workspaces/<apiKey>}.
   */
  static String baseOf(Workspace workspace) {
    String suffix = "/workspaces/" + workspace.apiKey();
    String issuer = workspace.issuer();
    return !workspace.isDefault() && issuer.endsWith(suffix)
        ? issuer.substring(0, issuer.length() - suffix.length())
        : issuer;
  }

  /**
   * RFC 8414 §2's members that apply. {@code response_types_supported} is REQUIRED there and empty
   * here: no authorization endpoint is served. {@code authorization_details_types_supported} is RFC
   * 9396 §10's. {@code tokenmint_signing_alg_values_supported} is tokenmint's own (no RFC names the
   * algorithms of a server's access tokens): the algorithms its tokens may carry.
   */
  record Metadata(
      String issuer,
      @JsonProperty("token_endpoint") String tokenEndpoint,
      @JsonProperty("jwks_uri") String jwksUri,
      @JsonProperty("response_types_supported") List<String> responseTypesSupported,
      @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
      @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethods,
      @JsonProperty("introspection_endpoint") String introspectionEndpoint,
      @JsonProperty("introspection_endpoint_auth_methods_supported")
          List<String> introspectionEndpointAuthMethods,
      @JsonProperty("revocation_endpoint") String revocationEndpoint,
      @JsonProperty("revocation_endpoint_auth_methods_supported")
          List<String> revocationEndpointAuthMethods,
      @JsonProperty("authorization_details_types_supported")
          List<String> authorizationDetailsTypesSupported,
      @JsonProperty("tokenmint_signing_alg_values_supported") List<String> signingAlgorithms,
      @JsonProperty("service_documentation") String serviceDocumentation) {}
}
