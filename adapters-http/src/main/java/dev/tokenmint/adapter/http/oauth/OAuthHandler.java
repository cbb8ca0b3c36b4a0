package dev.tokenmint.adapter.http.oauth;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.error.OAuthError;
import dev.tokenmint.adapter.http.json.JsonAnswers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.adapter.http.limit.RateLimiter;
import dev.tokenmint.adapter.http.velt.ResourceGrant;
import dev.tokenmint.application.port.in.ExchangeToken;
import dev.tokenmint.application.port.in.ExchangeToken.ExchangedToken;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.VerifiedToken;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * {@code POST /oauth2/introspect} (RFC 7662), {@code POST /oauth2/revoke} (RFC 7009) and {@code
 * POST /oauth2/token} (RFC 8693 token exchange, down-scoping with RFC 9396 authorization details).
 * Each reads a form ({@link OAuthForm}); every answer is {@code Cache-Control: no-store} and {@code
 * Pragma: no-cache} (RFC 6749 §5.1, RFC 7662 §4, RFC 8693 §2.2); refusals are RFC 6749 §5.2's
 * {@code {"error", "error_description"}}.
 *
 * <p>A handler authenticating with {@code callers}, counting exchanges with {@code limiter},
 * reading {@code authorization_details} with {@code bodies} (strict: no unknown fields, no
 * coercion), telling {@code onExchange} of every token exchanged.
 */
public record OAuthHandler(
    Callers callers,
    RateLimiter limiter,
    VerifyToken verifyToken,
    ExchangeToken exchangeToken,
    JsonBodies bodies,
    Runnable onExchange) {

  /** RFC 8693 §3's token type of a JWT: what tokenmint issues and accepts as subject. */
  static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

  /** RFC 8693 §3's token type of an access token, which a tokenmint token also is. */
  static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

  /**
   * {@code POST /oauth2/introspect}, form {@code token} (+ {@code token_type_hint}, ignored: there
   * is one kind of token): {@code {"active": true, "token_type": "Bearer", …the token's claims}}
   * for a token valid now for the caller's workspace, else exactly {@code {"active": false}},
   * whatever the reason (RFC 7662 §2.2: no more is said of an inactive token). Issuer credential or
   * above.
   */
  public void introspect(Context ctx) {
    Caller caller = callers.ofClient(ctx);
    OAuthForm form = OAuthForm.of(ctx);
    String token = form.required("token");
    if (verifyToken.verify(caller, token) instanceof VerifiedToken valid) {
      Map<String, Object> claims = new LinkedHashMap<>(valid.signature().claims().asMap());
      claims.remove("active"); // the answer's own members win over a claim of the same name
      claims.remove("token_type");
      answer(ctx, new Active(true, "Bearer", claims));
    } else {
      answer(ctx, new Inactive(false));
    }
  }

  /**
   * {@code POST /oauth2/revoke}, form {@code token} (+ {@code token_type_hint}, ignored): revokes
   * the token until it would expire, and every token exchanged from it. 200 with an empty body, for
   * a token that is invalid, unknown or of another workspace too (RFC 7009 §2.2: the client cannot
   * act on such an error). Admin credential.
   */
  public void revoke(Context ctx) {
    Caller caller = callers.ofClient(ctx);
    OAuthForm form = OAuthForm.of(ctx);
    String token = form.required("token");
    try {
      verifyToken.revoke(caller, Optional.of(token), Optional.empty());
    } catch (InvalidArgumentException e) {
      // Not a token of this workspace: nothing to revoke, and RFC 7009 §2.2 answers 200 anyway.
    }
    ctx.header("Cache-Control", "no-store");
    ctx.header("Pragma", "no-cache");
    ctx.status(200);
  }

  /**
   * {@code POST /oauth2/token} (the default workspace's) and {@code POST
   * /workspaces/{apiKey}/oauth2/token}: each workspace issuer's own token endpoint, so a subject
   * token of another workspace is refused there. With {@code grant_type} token exchange (RFC 8693
   * §2.1): the {@code subject_token} is the authority, no credential is read. Answers RFC 8693
   * §2.2.1's {@code access_token}, {@code issued_token_type}, {@code token_type}, {@code
   * expires_in}, and RFC 9396 §7's {@code authorization_details} as granted.
   */
  public void token(Context ctx) {
    OAuthForm form = OAuthForm.of(ctx);
    String grantType = form.required("grant_type");
    if (!grantType.equals(MetadataHandler.TOKEN_EXCHANGE)) {
      throw OAuthError.badRequest(
          OAuthError.UNSUPPORTED_GRANT_TYPE,
          "the only grant type served is " + MetadataHandler.TOKEN_EXCHANGE);
    }
    String subjectToken = form.required("subject_token");
    String subjectType = form.required("subject_token_type");
    if (!subjectType.equals(JWT) && !subjectType.equals(ACCESS_TOKEN)) {
      throw OAuthError.badRequest(
          OAuthError.INVALID_REQUEST,
          "subject_token_type must be " + JWT + " or " + ACCESS_TOKEN + ": a tokenmint token");
    }
    refuseUnserved(form);
    GrantSet requested = authorizationDetails(form.required("authorization_details"));
    Optional<String> apiKey = Optional.ofNullable(ctx.pathParamMap().get("apiKey"));
    ExchangeToken.SubjectCheck check = exchangeToken.subject(apiKey, subjectToken);
    if (check instanceof ExchangeToken.Refused refused) {
      // Not counted as a failed authentication of the client address: a signature cannot be
      // guessed, so there is nothing to slow down, and a browser retrying an expired token must
      // not lock its network's backends out of the credentialed routes.
      // RFC 8693 §2.2.2: a subject token invalid for any reason, or unacceptable by policy, "MUST"
      // be answered invalid_request (not RFC 6749's invalid_grant).
      throw OAuthError.badRequest(OAuthError.INVALID_REQUEST, refused.reason());
    }
    ExchangeToken.Subject subject = ((ExchangeToken.Accepted) check).subject();
    limiter.admit(subject);
    ExchangedToken exchanged;
    try {
      exchanged = exchangeToken.exchange(subject, requested, requestId());
    } catch (InvalidArgumentException e) {
      throw invalidDetails(e.under("authorization_details").getMessage());
    }
    onExchange.run();
    answer(
        ctx,
        new Exchanged(
            exchanged.token(),
            JWT,
            "Bearer",
            exchanged.expiresAt().getEpochSecond() - exchanged.issuedAt().getEpochSecond(),
            exchanged.grants().asList().stream().map(VeltProfile::grantClaim).toList()));
  }

  /**
   * Refuses what RFC 8693 §2.1 lets a client ask for that this server does not do, rather than
   * ignore it and issue a token the client believes is narrower than it is.
   */
  private static void refuseUnserved(OAuthForm form) {
    form.optional("requested_token_type")
        .filter(type -> !type.equals(JWT) && !type.equals(ACCESS_TOKEN))
        .ifPresent(
            type -> {
              throw OAuthError.badRequest(
                  OAuthError.INVALID_REQUEST, "requested_token_type must be " + JWT);
            });
    if (form.optional("actor_token").isPresent() || form.optional("actor_token_type").isPresent()) {
      throw OAuthError.badRequest(
          OAuthError.INVALID_REQUEST, "delegation (actor_token) is not served; only down-scoping");
    }
    if (form.optional("resource").isPresent() || form.optional("audience").isPresent()) {
      throw OAuthError.badRequest(
          OAuthError.INVALID_TARGET,
          "tokens are not issued for a resource or audience; narrow them with"
              + " authorization_details");
    }
    if (form.optional("scope").isPresent()) {
      throw OAuthError.badRequest(
          OAuthError.INVALID_SCOPE, "scopes are not served; narrow with authorization_details");
    }
  }

  /**
   * The grants of the {@code authorization_details} parameter: a JSON array of Velt grants (RFC
   * 9396 §2), each {@code {type, id, organizationId?, accessRole?, expiresAt?}} and nothing else,
   * read as strictly as a JSON body.
   *
   * @throws OAuthError {@code invalid_authorization_details} naming what is wrong
   */
  private GrantSet authorizationDetails(String json) {
    JsonNode details;
    try {
      details = bodies.mapper().readTree(json);
    } catch (IOException e) {
      throw invalidDetails("authorization_details is not JSON");
    }
    if (details == null || !details.isArray()) {
      throw invalidDetails("authorization_details must be a JSON array of grants (RFC 9396 §2)");
    }
    try {
      Violations violations = new Violations();
      List<ResourceGrant> entries = new ArrayList<>();
      for (int i = 0; i < details.size(); i++) {
        JsonNode entry = details.get(i);
        violations
            .collect("[" + i + "]", () -> bodies.bind(entry, ResourceGrant.class))
            .ifPresent(entries::add);
      }
      violations.throwIfAny();
      Optional<GrantSet> grants = ResourceGrant.toGrantSet(violations, "", entries);
      violations.throwIfAny();
      return grants.orElseThrow();
    } catch (InvalidArgumentException e) {
      throw invalidDetails(e.under("authorization_details").getMessage());
    }
  }

  private static OAuthError invalidDetails(String description) {
    return OAuthError.badRequest(OAuthError.INVALID_AUTHORIZATION_DETAILS, description);
  }

  private static Optional<String> requestId() {
    return Optional.ofNullable(MDC.get("requestId")).filter(Caller::isRequestId);
  }

  /**
   * Answers {@code body}, not to be cached: {@code no-store}, and RFC 6749 §5.1's {@code Pragma}.
   */
  private static void answer(Context ctx, Object body) {
    ctx.header("Pragma", "no-cache");
    JsonAnswers.write(ctx, body);
  }

  /** RFC 7662 §2.2's answer for an active token: its claims after the two members. */
  record Active(
      boolean active,
      @JsonProperty("token_type") String tokenType,
      @JsonIgnore Map<String, Object> claims) {
    @JsonAnyGetter
    Map<String, Object> anyClaims() {
      return claims;
    }
  }

  /** RFC 7662 §2.2's answer for any other token: exactly {@code {"active": false}}. */
  record Inactive(boolean active) {}

  /** RFC 8693 §2.2.1's answer, with RFC 9396 §7's {@code authorization_details}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Exchanged(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("issued_token_type") String issuedTokenType,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn,
      @JsonProperty("authorization_details") List<Map<String, Object>> authorizationDetails) {}
}
