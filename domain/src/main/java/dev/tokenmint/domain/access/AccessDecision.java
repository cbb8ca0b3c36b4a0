package dev.tokenmint.domain.access;

import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import java.util.Objects;

/** The answer to an access question, with what decided it. */
public sealed interface AccessDecision permits AccessDecision.Allowed, AccessDecision.Denied {

  /** Access is allowed by {@code decidedBy}; the effective role is that grant's role. */
  record Allowed(Grant decidedBy) implements AccessDecision {
    /** The deciding grant is required. */
    public Allowed {
      Objects.requireNonNull(decidedBy, "decidedBy");
    }

    /** The effective role. */
    public AccessRole role() {
      return decidedBy.role();
    }
  }

  /** Access is denied for {@code reason}, a sentence safe to show to the caller. */
  record Denied(String reason) implements AccessDecision {
    /** The reason is required. */
    public Denied {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
