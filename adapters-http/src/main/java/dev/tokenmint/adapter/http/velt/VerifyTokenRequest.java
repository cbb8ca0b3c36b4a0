package dev.tokenmint.adapter.http.velt;

import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The body of {@code POST /v2/auth/verify_token}: {@code {token, audience?}}. An empty or broken
 * token is not a bad request but a token that fails verification, so only a missing one is refused
 * here. {@code audience} is what the caller expects the token's {@code aud} to name; without it, a
 * token that names an audience is refused.
 */
record VerifyTokenRequest(@NotNull(message = "is required") String token, String audience) {

  /** The expected audience, when the request names one. */
  Optional<String> expectedAudience() {
    return Optional.ofNullable(audience);
  }
}
