package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.application.port.in.VerifyToken.AccessCheck;
import dev.tokenmint.application.port.in.VerifyToken.Revoked;
import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.SignatureCheck;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v2/auth/verify_token}, {@code /v2/auth/check_access} and {@code
 * /v2/auth/revoke_token}. A token that fails verification is an answer, not an error: {@code
 * valid:false} with the reason, so that a resource server reads one shape either way.
 */
public final class VerificationHandler {

  static final String VALID = "Token is valid.";
  static final String INVALID = "Token is not valid.";
  static final String ACCESS_CHECKED = "Access checked successfully.";
  static final String REVOKED = "Token revoked successfully.";

  /** The {@code reason} of a valid token that grants nothing on the resource. */
  static final String NO_GRANT = "no_grant";

  /** The {@code accessRole} of no access. */
  static final String NONE = "none";

  private final Callers callers;
  private final JsonBodies bodies;
  private final VerifyToken verifyToken;

  /** A handler authenticating with {@code callers} and verifying with the use case. */
  public VerificationHandler(Callers callers, JsonBodies bodies, VerifyToken verifyToken) {
    this.callers = callers;
    this.bodies = bodies;
    this.verifyToken = verifyToken;
  }

  /**
   * {@code POST /v2/auth/verify_token}: {@code {valid:true, kid, algorithm, claims}} or {@code
   * {valid:false, reason, message}}, checking {@code aud} against the request's {@code audience}.
   */
  public void verify(Context ctx) {
    Caller caller = callers.of(ctx);
    VerifyTokenRequest request = read(ctx, VerifyTokenRequest.class);
    SignatureCheck check = verifyToken.verify(caller, request.token(), request.expectedAudience());
    Map<String, Object> data = new LinkedHashMap<>();
    if (check instanceof SignatureCheck.Valid valid) {
      data.put("valid", true);
      data.put("kid", valid.kid());
      data.put("algorithm", valid.algorithm());
      data.put("claims", valid.claims().asMap());
      answer(ctx, VALID, data);
    } else {
      SignatureCheck.Invalid invalid = (SignatureCheck.Invalid) check;
      data.put("valid", false);
      data.put("reason", invalid.rejection().wireName());
      data.put("message", invalid.detail());
      answer(ctx, INVALID, data);
    }
  }

  /**
   * {@code POST /v2/auth/check_access}: {@code {valid, accessRole, decidedBy, expiresAt}}, plus
   * {@code reason} and {@code message} when the role is {@code none}.
   */
  public void checkAccess(Context ctx) {
    Caller caller = callers.of(ctx);
    CheckAccessRequest request = read(ctx, CheckAccessRequest.class);
    AccessTarget target = request.toTarget();
    AccessCheck check = verifyToken.checkAccess(caller, request.token(), target);
    answer(ctx, ACCESS_CHECKED, access(check));
  }

  /** {@code POST /v2/auth/revoke_token}: {@code {jti, revokedUntil}}. */
  public void revoke(Context ctx) {
    Caller caller = callers.of(ctx);
    RevokeTokenRequest request = read(ctx, RevokeTokenRequest.class).checked();
    Revoked revoked = verifyToken.revoke(caller, request.givenToken(), request.givenJti());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("jti", revoked.jti());
    data.put("revokedUntil", revoked.until().getEpochSecond());
    answer(ctx, REVOKED, data);
  }

  private <T> T read(Context ctx, Class<T> type) {
    return bodies.read(ctx.bodyAsBytes(), type, true);
  }

  private static void answer(Context ctx, String message, Map<String, Object> data) {
    ctx.header("Cache-Control", "no-store");
    ctx.json(VeltEnvelope.success(message, data));
  }

  /** The answer of check_access, its keys in one order whatever the outcome. */
  private static Map<String, Object> access(AccessCheck check) {
    if (check.verification() instanceof SignatureCheck.Invalid invalid) {
      return noAccess(false, invalid.rejection().wireName(), invalid.detail());
    }
    AccessDecision decision = check.decision().orElseThrow();
    if (decision instanceof AccessDecision.Denied denied) {
      return noAccess(true, NO_GRANT, denied.reason());
    }
    Grant grant = ((AccessDecision.Allowed) decision).decidedBy();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("valid", true);
    data.put("accessRole", grant.role().wireName());
    data.put("decidedBy", VeltProfile.grantClaim(grant));
    data.put("expiresAt", grant.expiresAt().map(Instant::getEpochSecond).orElse(null));
    return data;
  }

  private static Map<String, Object> noAccess(boolean valid, String reason, String message) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("valid", valid);
    data.put("accessRole", NONE);
    data.put("decidedBy", null);
    data.put("expiresAt", null);
    data.put("reason", reason);
    data.put("message", message);
    return data;
  }
}
