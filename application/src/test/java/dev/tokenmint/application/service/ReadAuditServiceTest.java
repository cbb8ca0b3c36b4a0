package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.ReadAudit.AuditPage;
import dev.tokenmint.application.port.in.ReadAudit.AuditQuery;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.PermissionDeniedException;
import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadAuditServiceTest {

  private final TestApplication app = TestApplication.standard();
  private final Caller admin = new Caller(app.defaultWorkspace, "tmc_admin", CredentialRole.ADMIN);
  private final String ws = app.defaultWorkspace.id();
  private final Instant t0 = TestApplication.NOW;

  private void record(AuditEvent... events) {
    try (AuditLog.Reservation room = app.audit.reserve(events.length)) {
      for (AuditEvent event : events) {
        room.record(event);
      }
    }
  }

  private AuditEvent deleted(String userId, long second) {
    return AuditEvent.of(t0.plusSeconds(second), ws, "tmc_admin", AuditKind.USER_DELETED)
        .onUser(userId);
  }

  private static AuditQuery query(
      Optional<String> kind,
      Optional<String> userId,
      Optional<Long> since,
      Optional<Long> until,
      int pageSize,
      Optional<String> token) {
    return new AuditQuery(kind, userId, Optional.empty(), since, until, pageSize, token);
  }

  private static List<String> fields(InvalidArgumentException e) {
    return e.violations().stream().map(Violation::field).toList();
  }

  @Test
  void pages_list_every_event_once_newest_first_and_the_last_has_no_token() {
    for (int i = 0; i < 5; i++) {
      record(deleted("u" + i, i));
    }
    AuditQuery first =
        query(
            Optional.of("user.deleted"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            2,
            Optional.empty());

    List<String> listed = new ArrayList<>();
    AuditPage page = app.readAudit.read(admin, first);
    int pages = 1;
    page.events().forEach(e -> listed.add(e.target().orElseThrow()));
    while (page.nextPageToken().isPresent()) {
      page =
          app.readAudit.read(
              admin,
              query(
                  Optional.of("user.deleted"),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  2,
                  page.nextPageToken()));
      page.events().forEach(e -> listed.add(e.target().orElseThrow()));
      pages++;
    }

    assertThat(listed).containsExactly("u4", "u3", "u2", "u1", "u0");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void since_and_until_are_unix_seconds_since_included_until_excluded() {
    record(deleted("u0", 0), deleted("u1", 1), deleted("u2", 2));
    long start = t0.getEpochSecond();

    AuditPage page =
        app.readAudit.read(
            admin,
            query(
                Optional.of("user.deleted"),
                Optional.empty(),
                Optional.of(start + 1),
                Optional.of(start + 2),
                100,
                Optional.empty()));

    assertThat(page.events()).extracting(e -> e.target().orElseThrow()).containsExactly("u1");
  }

  @Test
  void every_broken_rule_of_a_query_is_named_at_once() {
    AuditQuery bad =
        new AuditQuery(
            Optional.of("user.renamed"),
            Optional.of(""),
            Optional.of("a\u0000b"),
            Optional.of(-1L),
            Optional.of(253_402_300_800L),
            1001,
            Optional.empty());

    assertThatThrownBy(() -> app.readAudit.read(admin, bad))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> {
              assertThat(fields(e))
                  .containsExactly("kind", "userId", "jti", "since", "until", "pageSize");
              assertThat(e.getMessage())
                  .contains("kind: must be one of [token.minted,")
                  .contains("pageSize: must be from 1 to 1000, got 1001");
            });
  }

  @Test
  void until_must_be_later_than_since() {
    AuditQuery reversed =
        query(
            Optional.empty(),
            Optional.empty(),
            Optional.of(100L),
            Optional.of(100L),
            10,
            Optional.empty());

    assertThatThrownBy(() -> app.readAudit.read(admin, reversed))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("until: must be later than since (since is included, until excluded)");
  }

  @Test
  void a_page_token_is_refused_when_garbage_forged_or_from_other_filters() {
    for (int i = 0; i < 3; i++) {
      record(deleted("u" + i, i));
    }
    String token =
        app.readAudit
            .read(
                admin,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    1,
                    Optional.empty()))
            .nextPageToken()
            .orElseThrow();

    for (String bad :
        List.of("not base64 !", "YXVkaXQ", token.substring(0, token.length() - 2), token + "AA")) {
      assertThatThrownBy(
              () ->
                  app.readAudit.read(
                      admin,
                      query(
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty(),
                          1,
                          Optional.of(bad))))
          .as(bad)
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("pageToken: is not a nextPageToken this API returned for these filters");
    }
    assertThatThrownBy(
            () ->
                app.readAudit.read(
                    admin,
                    query(
                        Optional.empty(),
                        Optional.of("u1"),
                        Optional.empty(),
                        Optional.empty(),
                        1,
                        Optional.of(token))))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void only_an_admin_reads_the_audit() {
    Caller issuer = new Caller(app.defaultWorkspace, "tmc_issuer", CredentialRole.ISSUER);

    assertThatThrownBy(() -> app.readAudit.read(issuer, AuditQuery.newest(10)))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void another_workspaces_events_and_page_tokens_are_never_accepted() {
    var other = app.workspaceService.create("other").workspace();
    Caller otherAdmin = new Caller(other, "tmc_other", CredentialRole.ADMIN);
    record(deleted("ours-1", 1), deleted("ours-2", 2));
    record(AuditEvent.of(t0, other.id(), "tmc_x", AuditKind.USER_DELETED).onUser("theirs"));
    String ourToken = app.readAudit.read(admin, AuditQuery.newest(1)).nextPageToken().orElseThrow();

    assertThat(app.readAudit.read(admin, AuditQuery.newest(1000)).events())
        .extracting(AuditEvent::workspaceId)
        .containsOnly(ws);
    assertThatThrownBy(
            () ->
                app.readAudit.read(
                    otherAdmin,
                    query(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        1,
                        Optional.of(ourToken))))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
