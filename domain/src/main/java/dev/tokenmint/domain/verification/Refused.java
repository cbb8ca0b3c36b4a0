package dev.tokenmint.domain.verification;

import java.util.Objects;

/**
 * A token refused for {@code rejection}, at whichever step of {@link VerificationPolicy} found it;
 * {@code detail} says more and is safe to show.
 */
public record Refused(Rejection rejection, String detail) implements SignatureCheck, Verification {
  /** Both parts are required. */
  public Refused {
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(detail, "detail");
  }
}
