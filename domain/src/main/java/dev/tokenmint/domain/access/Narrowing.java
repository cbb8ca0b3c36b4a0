package dev.tokenmint.domain.access;

import dev.tokenmint.domain.grant.Grant;
import java.util.Objects;

/** Whether a set of grants stays within another: yes, or the first grant that widens and why. */
public sealed interface Narrowing permits Narrowing.Within, Narrowing.Wider {

  /** Nothing the wanted grants allow goes beyond what the held grants allow. */
  record Within() implements Narrowing {}

  /** {@code grant}, a wanted grant, allows more than the held grants; {@code reason} says where. */
  record Wider(Grant grant, String reason) implements Narrowing {
    /** Both parts are required. */
    public Wider {
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
