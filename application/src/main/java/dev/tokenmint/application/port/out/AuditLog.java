package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the audit goes: a record of every minted token and an event for every administrative
 * change, kept in the order recorded. Never a token, a secret or a private key.
 */
public interface AuditLog {

  /**
   * Records one minted token.
   *
   * @throws dev.tokenmint.domain.failure.UnavailableException when the log cannot take it: the
   *     token must then not be answered
   */
  void record(MintRecord record);

  /**
   * Takes room for {@code events} events, before the change they describe is made: a change is made
   * only when its events are sure to be recorded. Record them in the reservation once the change is
   * done; close it in any case, which gives back the room not used.
   *
   * @throws dev.tokenmint.domain.failure.UnavailableException when the log has no room: the change
   *     must then not be made
   */
  Reservation reserve(int events);

  /**
   * The workspace's events that match {@code filter}, newest (last recorded) first: at most {@code
   * limit}, and only those recorded before {@code before} when given. Minted tokens are among them
   * as {@link AuditKind#TOKEN_MINTED} events. Sees every record and event recorded before the call.
   */
  List<Recorded> read(String workspaceId, AuditFilter filter, OptionalLong before, int limit);

  /** Room in the log for the events of one change. Not for use by several threads. */
  interface Reservation extends AutoCloseable {

    /**
     * Records {@code event} in the room taken.
     *
     * @throws IllegalStateException when every event reserved for was recorded, or after close
     */
    void record(AuditEvent event);

    /** Gives back the room not used; the reservation takes no more events. */
    @Override
    void close();
  }

  /**
   * An event and its position in the log: a later record has a higher position, so "before
   * position p" continues a listing where it stopped.
   */
  record Recorded(long position, AuditEvent event) {
    /** The event is required. */
    public Recorded {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * One minted token: when, in which workspace, by which credential, for whom, what, and in which
   * request.
   */
  record MintRecord(
      Instant at,
      String workspaceId,
      String credentialId,
      String userId,
      String jti,
      int grantCount,
      String profile,
      Optional<String> requestId) {
    /** Every part is required; {@code jti} is empty for profiles that have none. */
    public MintRecord {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(workspaceId, "workspaceId");
      Objects.requireNonNull(credentialId, "credentialId");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(jti, "jti");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(requestId, "requestId");
    }

    /** A record made outside any request. */
    public MintRecord(
        Instant at,
        String workspaceId,
        String credentialId,
        String userId,
        String jti,
        int grantCount,
        String profile) {
      this(at, workspaceId, credentialId, userId, jti, grantCount, profile, Optional.empty());
    }

    /**
     * The record as the audit lists it: a {@link AuditKind#TOKEN_MINTED} event by the credential,
     * about the token's {@code jti} (about the user for a profile without one), saying the profile
     * and the number of grants.
     */
    public AuditEvent toEvent() {
      AuditEvent event = AuditEvent.of(at, workspaceId, credentialId, AuditKind.TOKEN_MINTED);
      event = jti.isEmpty() ? event.onTarget(userId) : event.onToken(jti);
      return event
          .withUser(userId)
          .withDetail(profile + " token, " + grantCount + (grantCount == 1 ? " grant" : " grants"))
          .withRequestId(requestId);
    }
  }
}
