package dev.tokenmint.application.port.out;

import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Where the audit goes: a record of every minted token and an event for every administrative
 * change. Never a token, a secret or a private key.
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
   * The workspace's events that match {@code filter}, newest first (latest recorded; a log keeping
   * minted tokens apart orders the two by time): at most {@code limit}, starting after {@code
   * after} (a {@link Slice#next()} this log returned for the same workspace and filter) when given.
   * Minted tokens are among them as {@link AuditKind#TOKEN_MINTED} events. Sees every record and
   * event recorded before the call.
   *
   * @throws IllegalArgumentException when {@code after} is not a position this log makes
   */
  Slice read(String workspaceId, AuditFilter filter, Optional<String> after, int limit);

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

    /**
     * Room for {@code events} events: each recorded goes to {@code recorder}, and closing hands the
     * number not recorded to {@code giveBack}. What every log's reservation does.
     */
    static Reservation of(int events, Consumer<AuditEvent> recorder, IntConsumer giveBack) {
      return new Reservation() {
        private int left = events;

        @Override
        public void record(AuditEvent event) {
          if (left < 1) {
            throw new IllegalStateException("no room reserved for another event");
          }
          left--;
          recorder.accept(event);
        }

        @Override
        public void close() {
          giveBack.accept(left);
          left = 0;
        }
      };
    }
  }

  /**
   * Events newest first, and where the next slice starts when more events match: an opaque
   * position, not a secret, meaningful only to the log that made it.
   */
  record Slice(List<AuditEvent> events, Optional<String> next) {
    /** Copies the list. */
    public Slice {
      events = List.copyOf(events);
      Objects.requireNonNull(next, "next");
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
      Required.all(at, workspaceId, credentialId, userId, jti, profile, requestId);
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
