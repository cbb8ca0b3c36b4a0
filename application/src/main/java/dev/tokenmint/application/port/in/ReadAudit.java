package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.failure.Required;
import dev.tokenmint.domain.workspace.Caller;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Read the caller's workspace's audit: minted tokens and administrative changes. */
public interface ReadAudit {

  /**
   * One page of the caller's workspace's events that match the query, newest first. Admin only.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming every field that breaks
   *     its rule: an unknown {@code kind} (the message lists the kinds), an invalid {@code userId}
   *     or {@code jti}, {@code since} or {@code until} outside [0, year 10000) or not in order, a
   *     {@code pageSize} outside 1 to {@value AuditQuery#MAX_PAGE_SIZE}, a {@code pageToken} this
   *     use case did not return for the same filters
   */
  AuditPage read(Caller caller, AuditQuery query);

  /**
   * Which events: of {@code kind} (a wire name such as {@code user.added}), about {@code userId},
   * about the token {@code jti}, from {@code since} (Unix seconds, included) to {@code until} (Unix
   * seconds, excluded); {@code pageSize} at a time, continuing after {@code pageToken}.
   */
  record AuditQuery(
      Optional<String> kind,
      Optional<String> userId,
      Optional<String> jti,
      Optional<Long> since,
      Optional<Long> until,
      int pageSize,
      Optional<String> pageToken) {

    /** The page size when none is asked for. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** Every part is required; the rules are checked by the use case. */
    public AuditQuery {
      Required.all(kind, userId, jti, since, until, pageToken);
    }

    /** The newest {@code pageSize} events, of every kind. */
    public static AuditQuery newest(int pageSize) {
      return new AuditQuery(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          pageSize,
          Optional.empty());
    }
  }

  /** A page of events, newest first, and the token of the next page when there is one. */
  record AuditPage(List<AuditEvent> events, Optional<String> nextPageToken) {
    /** Copies the list. */
    public AuditPage {
      events = List.copyOf(events);
      Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
  }
}
