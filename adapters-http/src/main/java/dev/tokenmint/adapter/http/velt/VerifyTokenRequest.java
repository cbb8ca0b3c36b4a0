package dev.tokenmint.adapter.http.velt;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /v2/auth/verify_token}: {@code {token}}. An empty or broken token is not
 * a bad request but a token that fails verification, so only a missing one is refused here.
 */
record VerifyTokenRequest(@NotNull(message = "is required") String token) {}
