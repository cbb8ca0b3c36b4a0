package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenmint.application.port.in.VerifyToken;
import dev.tokenmint.application.port.in.VerifyToken.AccessCheck;
import dev.tokenmint.application.port.in.VerifyToken.Revoked;
import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.SignatureCheck;
import dev.tokenmint.domain.verification.Verification;
import dev.tokenmint.domain.verification.VerifiedToken;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /v2/auth/verify_token}, {@code /v2/auth/check_access} and {@code
 * /v2/auth/revoke_token}. A token that fails verification is an answer, not an error: {@code
 * valid:false} with the reason, so that a resource server reads one shape either way.
 */
public record VerificationHandler(VeltExchange velt, VerifyToken verifyToken) {

  /** The {@code reason} of a valid token that grants nothing on the resource. */
  static final String NO_GRANT = "no_grant";

  /** The {@code accessRole} of no access. */
  static final String NONE = "none";

  /**
   * {@code POST /v2/auth/verify_token}: {@code {valid:true, kid, algorithm, claims}} or {@code
   * {valid:false, reason, message}}, checking {@code aud} against the request's {@code audience}.
   */
  public void verify(Context ctx) {
    Caller caller = velt.caller(ctx);
    VerifyTokenRequest request = velt.read(ctx, VerifyTokenRequest.class);
    Verification outcome = verifyToken.verify(caller, request.token(), request.expectedAudience());
    if (outcome instanceof VerifiedToken token) {
      SignatureCheck.Valid valid = token.signature();
      velt.answer(
          ctx,
          "Token is valid.",
          new ValidToken(true, valid.kid(), valid.algorithm(), valid.claims().asMap()));
    } else {
      Refused refused = (Refused) outcome;
      velt.answer(
          ctx,
          "Token is not valid.",
          new InvalidToken(false, refused.rejection().wireName(), refused.detail()));
    }
  }

  /**
   * {@code POST /v2/auth/check_access}: {@code {valid, accessRole, decidedBy, expiresAt}}, plus
   * {@code reason} and {@code message} when the role is {@code none}.
   */
  public void checkAccess(Context ctx) {
    Caller caller = velt.caller(ctx);
    CheckAccessRequest request = velt.read(ctx, CheckAccessRequest.class);
    AccessTarget target = request.toTarget();
    AccessCheck check = verifyToken.checkAccess(caller, request.token(), target);
    velt.answer(ctx, "Access checked successfully.", access(check));
  }

  /** {@code POST /v2/auth/revoke_token}: {@code {jti, revokedUntil}}. */
  public void revoke(Context ctx) {
    Caller caller = velt.caller(ctx);
    RevokeTokenRequest request = velt.read(ctx, RevokeTokenRequest.class).checked();
    Revoked revoked = verifyToken.revoke(caller, request.givenToken(), request.givenJti());
    velt.answer(
        ctx,
        "Token revoked successfully.",
        new Revocation(revoked.jti(), revoked.until().getEpochSecond()));
  }

  /** The answer of check_access. */
  private static Access access(AccessCheck check) {
    if (check.verification() instanceof Refused refused) {
      return Access.none(false, refused.rejection().wireName(), refused.detail());
    }
    AccessDecision decision = check.decision().orElseThrow();
    if (decision instanceof AccessDecision.Denied denied) {
      return Access.none(true, NO_GRANT, denied.reason());
    }
    Grant grant = ((AccessDecision.Allowed) decision).decidedBy();
    return new Access(
        true,
        grant.role().wireName(),
        VeltProfile.grantClaim(grant),
        grant.expiresAt().map(Instant::getEpochSecond).orElse(null),
        null,
        null);
  }

  /** {@code {valid: true, kid, algorithm, claims}}. */
  record ValidToken(boolean valid, String kid, String algorithm, Map<String, Object> claims) {}

  /** {@code {valid: false, reason, message}}. */
  record InvalidToken(boolean valid, String reason, String message) {}

  /**
   * {@code {valid, accessRole, decidedBy, expiresAt}} whatever the outcome ({@code null} where
   * there is no grant or no expiry), then {@code reason} and {@code message} when the role is
   * {@code none}.
   */
  record Access(
      boolean valid,
      String accessRole,
      Map<String, Object> decidedBy,
      Long expiresAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
      @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
    static Access none(boolean valid, String reason, String message) {
      return new Access(valid, NONE, null, null, reason, message);
    }
  }

  /** {@code {jti, revokedUntil}}. */
  record Revocation(String jti, long revokedUntil) {}
}
