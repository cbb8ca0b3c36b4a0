package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import java.util.Optional;

/**
 * The body of {@code POST /v2/auth/revoke_token}: exactly one of {@code token} (revoked until it
 * expires) and {@code jti} (revoked for the longest lifetime a token may have). Both at once is
 * refused rather than one of them silently ignored.
 */
record RevokeTokenRequest(String token, String jti) {

  /**
   * Checks that exactly one is given, and that a {@code jti} is a valid identifier.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming every problem
   */
  RevokeTokenRequest checked() {
    Violations violations = new Violations();
    if (token == null && jti == null) {
      violations.add("", "send the token to revoke, or its jti");
    }
    if (token != null && jti != null) {
      violations.add("jti", "cannot be combined with token; send one of them");
    }
    if (jti != null) {
      Identifier.check(violations, "jti", jti);
    }
    violations.throwIfAny();
    return this;
  }

  Optional<String> givenToken() {
    return Optional.ofNullable(token);
  }

  Optional<String> givenJti() {
    return Optional.ofNullable(jti);
  }
}
