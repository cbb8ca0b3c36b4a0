package dev.tokenmint.adapter.jdbc;

import static dev.tokenmint.adapter.jdbc.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.AuditLog.MintRecord;
import dev.tokenmint.application.service.PermissionService;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The audit log's batching: records are written by the background writer without anyone reading,
 * kept through a database outage and written when it ends, refused once too many wait (reserved
 * room included, so a change is refused before it is made), and written on close. What the store
 * contract (record, then read) cannot show.
 */
class JdbcAuditLogIT {

  private static final Workspace WORKSPACE =
      new Workspace(
          "ws-a",
          "tmk_workspace_a",
          "alpha",
          true,
          Workspace.issuerUnder("http://localhost:8080", "tmk_workspace_a", true));
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path directory;

  private static MintRecord record(int i) {
    return new MintRecord(
        T0.plusSeconds(i),
        WORKSPACE.id(),
        "cred-1",
        "user-" + i,
        "jti-" + i,
        3,
        "velt",
        Optional.empty());
  }

  private static List<String> jtis(List<AuditEvent> newestFirst) {
    return newestFirst.stream().map(event -> event.jti().orElse("")).toList();
  }

  /** The workspace's latest {@code limit} records and events, newest first. */
  private static List<AuditEvent> recent(AuditLog audit, int limit) {
    return audit.read(WORKSPACE.id(), AuditFilter.ALL, Optional.empty(), limit).events();
  }

  private static List<String> expectedJtis(int from, int toExclusive) {
    List<String> newestFirst = new ArrayList<>();
    for (int i = toExclusive - 1; i >= from; i--) {
      newestFirst.add("jti-" + i);
    }
    return newestFirst;
  }

  @Test
  void the_writer_writes_queued_records_without_being_asked() {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      JdbcAuditLog audit = (JdbcAuditLog) database.audit();
      IntStream.range(0, 50).forEach(i -> audit.record(record(i)));

      assertThat(within(Duration.ofSeconds(30), () -> audit.unwritten() == 0))
          .as("the queue drained by itself")
          .isTrue();
      assertThat(jtis(recent(audit, 100))).isEqualTo(expectedJtis(0, 50));
    }
  }

  @Test
  void a_read_sees_every_record_recorded_before_it_while_the_writer_runs() {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      List<Integer> missed = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        database.audit().record(record(i));
        if (!jtis(recent(database.audit(), 1)).equals(List.of("jti-" + i))) {
          missed.add(i);
        }
      }

      assertThat(missed).as("reads that missed the record just made").isEmpty();
    }
  }

  @Test
  void a_record_the_database_refuses_is_dropped_with_an_error_and_does_not_block_the_others() {
    Logger log = (Logger) LoggerFactory.getLogger(JdbcAuditLog.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    log.setAdditive(false); // the error is provoked here: off the build's console
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      var audit = database.audit();
      audit.record(record(0));
      // user_id is VARCHAR(512): the database refuses this one for good, not for being away.
      audit.record(
          new MintRecord(
              T0,
              WORKSPACE.id(),
              "cred-1",
              "u".repeat(600),
              "jti-refused",
              3,
              "velt",
              Optional.empty()));
      audit.record(record(1));

      assertThat(jtis(recent(audit, 10))).containsExactly("jti-1", "jti-0");
      audit.record(record(2));
      assertThat(jtis(recent(audit, 1))).containsExactly("jti-2");
      assertThat(logged.list)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage())
                    .startsWith("audit record of token jti-refused in workspace ws-a refused")
                    .contains("dropped");
              });
    } finally {
      log.detachAppender(logged);
      log.setAdditive(true);
    }
  }

  @Test
  void close_writes_every_queued_record_and_event() {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString())) {
      IntStream.range(0, 2_500).forEach(i -> database.audit().record(record(i)));
      try (AuditLog.Reservation room = database.audit().reserve(1)) {
        room.record(event("u-last").withDetail("queued last"));
      }
    }

    try (JdbcDatabase reopened = JdbcDatabase.embedded(directory.toString())) {
      List<AuditEvent> all = recent(reopened.audit(), 5_000);
      assertThat(jtis(all.stream().filter(e -> e.kind() == AuditKind.TOKEN_MINTED).toList()))
          .isEqualTo(expectedJtis(0, 2_500));
      assertThat(all)
          .hasSize(2_501)
          .filteredOn(e -> e.kind() == AuditKind.USER_ADDED)
          .extracting(e -> e.detail().orElseThrow())
          .containsExactly("queued last");
    }
  }

  @Test
  void
      records_of_an_outage_are_kept_and_written_once_the_database_returns_and_a_full_queue_refuses() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    try (schema;
        TcpProxy proxy = TcpProxy.start(schema.host(), schema.port());
        JdbcDatabase database =
            JdbcDatabase.open(
                schema.jdbcUrlVia("127.0.0.1", proxy.port()), schema.user(), schema.password());
        JdbcAuditLog audit = new JdbcAuditLog((JdbcTransactions) database.transactions(), 20)) {
      database.workspaces().create(WORKSPACE);
      IntStream.range(0, 5).forEach(i -> audit.record(record(i)));
      assertThat(jtis(recent(audit, 100))).isEqualTo(expectedJtis(0, 5));

      proxy.cut();
      int accepted = 0;
      UnavailableException refused = null;
      // The writer may hold one batch it could not commit besides the 20 queued: never more.
      for (int i = 5; i < 5 + 20 + JdbcAuditLog.BATCH + 1 && refused == null; i++) {
        try {
          audit.record(record(i));
          accepted++;
        } catch (UnavailableException e) {
          refused = e;
        }
      }

      assertThat(refused).as("a full queue refuses the record").isNotNull();
      assertThat(refused.getMessage())
          .isEqualTo(
              "the audit log cannot reach the database (20 records are waiting): no token is"
                  + " minted without its audit record");
      assertThat(accepted).isGreaterThanOrEqualTo(20);
      UnavailableException refusedChange = null;
      List<AuditLog.Reservation> held = new java.util.ArrayList<>();
      // Each reservation holds its place; the writer frees at most what its one batch still takes.
      for (int i = 0; i < JdbcAuditLog.BATCH + 1 && refusedChange == null; i++) {
        try {
          held.add(audit.reserve(1));
        } catch (UnavailableException e) {
          refusedChange = e;
        }
      }
      assertThat(refusedChange).as("a full queue refuses a change's reservation").isNotNull();
      assertThat(refusedChange.getMessage())
          .isEqualTo(
              "the audit log cannot reach the database (20 records are waiting): no change is"
                  + " made without its audit event");
      // Changes that were refused elsewhere give their places back; otherwise they would keep the
      // log full after the outage (how many the writer let through is a matter of timing).
      held.forEach(AuditLog.Reservation::close);

      proxy.restore();

      int written = 5 + accepted;
      assertThat(eventually(() -> jtis(recent(audit, 5_000))))
          .as("every accepted record, none twice, in order")
          .isEqualTo(expectedJtis(0, written));
      audit.record(record(written));
      assertThat(jtis(recent(audit, 1))).containsExactly("jti-" + written);
    }
  }

  @Test
  void reserved_room_counts_against_the_bound_until_used_or_given_back() {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString());
        JdbcAuditLog audit = new JdbcAuditLog((JdbcTransactions) database.transactions(), 3)) {
      AuditLog.Reservation two = audit.reserve(2);
      AuditLog.Reservation one = audit.reserve(1);

      assertThatThrownBy(() -> audit.reserve(1))
          .isInstanceOf(UnavailableException.class)
          .hasMessageEndingWith("no change is made without its audit event");
      assertThatThrownBy(() -> audit.record(record(0)))
          .isInstanceOf(UnavailableException.class)
          .hasMessageEndingWith("no token is minted without its audit record");

      two.record(event("u1"));
      two.close();
      one.close();
      // u1 holds its place until written: two are free
      audit.record(record(1));
      try (AuditLog.Reservation again = audit.reserve(1)) {
        again.record(event("u2"));
      }

      assertThat(recent(audit, 10))
          .extracting(event -> event.target().orElseThrow())
          .containsExactly("jti-1", "u2", "u1"); // jti-1 is a second later
      assertThat(audit.reserve(3)).as("every place free again once written").isNotNull();
    }
  }

  @Test
  void a_change_finding_the_queue_full_is_refused_and_not_made() {
    try (JdbcDatabase database = JdbcDatabase.embedded(directory.toString());
        JdbcAuditLog audit = new JdbcAuditLog((JdbcTransactions) database.transactions(), 5)) {
      database.workspaces().create(WORKSPACE);
      PermissionService permissions =
          new PermissionService(
              database.grants(),
              database.transactions(),
              audit,
              Clock.fixed(T0, ZoneOffset.UTC),
              100);
      Caller admin = new Caller(WORKSPACE, "tmc_admin", CredentialRole.ADMIN);
      GrantSet grants =
          GrantSet.of(List.of(Grant.of(new Organization("org_1"), AccessRole.VIEWER)));
      AuditLog.Reservation everyPlace = audit.reserve(5);

      assertThatThrownBy(() -> permissions.add(admin, "u1", grants))
          .isInstanceOf(UnavailableException.class);
      assertThat(database.grants().grantsOf(WORKSPACE.id(), "u1").asList()).isEmpty();

      everyPlace.close();
      permissions.add(admin, "u1", grants);
      assertThat(database.grants().grantsOf(WORKSPACE.id(), "u1").asList()).hasSize(1);
      assertThat(recent(audit, 10))
          .extracting(AuditEvent::kind)
          .containsExactly(AuditKind.GRANTS_ADDED);
    }
  }

  private static AuditEvent event(String userId) {
    return AuditEvent.of(T0, WORKSPACE.id(), "tmc_admin", AuditKind.USER_ADDED).onUser(userId);
  }

  /** Whether {@code condition} holds within {@code limit}, asked again as soon as it does not. */
  private static boolean within(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }
}
