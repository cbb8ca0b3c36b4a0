package dev.tokenmint.domain.verification;

/**
 * What verifying a token by every step of {@link VerificationPolicy} found: the token, verified,
 * with its claims typed, or why it is refused.
 */
public sealed interface Verification permits VerifiedToken, Refused {}
