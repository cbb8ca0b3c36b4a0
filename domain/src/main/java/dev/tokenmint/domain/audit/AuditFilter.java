package dev.tokenmint.domain.audit;

import dev.tokenmint.domain.failure.Required;
import java.time.Instant;
import java.util.Optional;

/**
 * Which audit events to read: each part given narrows the events to those that match it. The time
 * range is half-open: from {@code since} included to {@code until} excluded, so consecutive ranges
 * ({@code until} of one, {@code since} of the next) never list an event twice.
 */
public record AuditFilter(
    Optional<AuditKind> kind,
    Optional<String> userId,
    Optional<String> jti,
    Optional<Instant> since,
    Optional<Instant> until) {

  /** Every event. */
  public static final AuditFilter ALL =
      new AuditFilter(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Every part is required. */
  public AuditFilter {
    Required.all(kind, userId, jti, since, until);
  }

  /** Whether {@code event} is one of the events this filter selects. */
  public boolean matches(AuditEvent event) {
    return kind.map(k -> k == event.kind()).orElse(true)
        && userId.map(id -> event.userId().equals(Optional.of(id))).orElse(true)
        && jti.map(id -> event.jti().equals(Optional.of(id))).orElse(true)
        && since.map(from -> !event.at().isBefore(from)).orElse(true)
        && until.map(to -> event.at().isBefore(to)).orElse(true);
  }
}
