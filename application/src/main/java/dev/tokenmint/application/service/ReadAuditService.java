package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ReadAudit;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Reads a workspace's audit log a page at a time, newest first. */
public final class ReadAuditService implements ReadAudit {

  private static final String TOKEN_PREFIX = "audit\n";

  private final AuditLog audit;

  /** A service reading {@code audit}. */
  public ReadAuditService(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public AuditPage read(Caller caller, AuditQuery query) {
    caller.require(CredentialRole.ADMIN);
    Violations violations = new Violations();
    Optional<AuditKind> kind =
        query.kind().flatMap(name -> violations.collect("", () -> AuditKind.parse("kind", name)));
    query.userId().ifPresent(id -> Identifier.check(violations, "userId", id));
    query.jti().ifPresent(id -> Identifier.check(violations, "jti", id));
    query.since().ifPresent(at -> checkTime(violations, "since", at));
    query.until().ifPresent(at -> checkTime(violations, "until", at));
    if (query.since().isPresent()
        && query.until().isPresent()
        && query.until().get() <= query.since().get()) {
      violations.add("until", "must be later than since (since is included, until excluded)");
    }
    violations.require(
        query.pageSize() >= 1 && query.pageSize() <= AuditQuery.MAX_PAGE_SIZE,
        "pageSize",
        "must be from 1 to " + AuditQuery.MAX_PAGE_SIZE + ", got " + query.pageSize());
    violations.throwIfAny();
    String filterKey = filterKey(caller.workspace().id(), query);
    Optional<String> after = query.pageToken().map(token -> decode(filterKey, token));
    AuditFilter filter =
        new AuditFilter(
            kind,
            query.userId(),
            query.jti(),
            query.since().map(Instant::ofEpochSecond),
            query.until().map(Instant::ofEpochSecond));
    AuditLog.Slice slice;
    try {
      slice = audit.read(caller.workspace().id(), filter, after, query.pageSize());
    } catch (IllegalArgumentException e) {
      if (after.isEmpty()) {
        throw e;
      }
      throw notOurToken(); // our prefix around a position the log never made: made by hand
    }
    return new AuditPage(slice.events(), slice.next().map(next -> encode(filterKey, next)));
  }

  private static void checkTime(Violations violations, String field, long seconds) {
    violations.require(
        seconds >= 0 && seconds < Grant.YEAR_10000,
        field,
        "must be Unix seconds in [0, " + Grant.YEAR_10000 + "), got " + seconds);
  }

  /**
   * The workspace and filters a page token belongs to, so that a token cannot continue a listing of
   * other filters or of another workspace. Ids hold no control character, so a newline separates
   * the parts unambiguously.
   */
  private static String filterKey(String workspaceId, AuditQuery query) {
    return String.join(
        "\n",
        workspaceId,
        query.kind().orElse(""),
        query.userId().orElse(""),
        query.jti().orElse(""),
        query.since().map(String::valueOf).orElse(""),
        query.until().map(String::valueOf).orElse(""));
  }

  /**
   * An opaque token naming the workspace, the filters and the log's position after the last event
   * of a page. Not a secret: it only says where a listing the caller may read stops.
   */
  private static String encode(String filterKey, String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            (TOKEN_PREFIX + filterKey + "\n" + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The log's position in {@code token}, when the token was made for these filters. */
  private static String decode(String filterKey, String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String prefix = TOKEN_PREFIX + filterKey + "\n";
      if (decoded.startsWith(prefix) && decoded.length() > prefix.length()) {
        return decoded.substring(prefix.length());
      }
    } catch (IllegalArgumentException e) {
      // not Base64: reported below
    }
    throw notOurToken();
  }

  private static InvalidArgumentException notOurToken() {
    return new InvalidArgumentException(
        "pageToken", "is not a nextPageToken this API returned for these filters");
  }
}
