package dev.tokenmint.bootstrap.cli;

import dev.tokenmint.application.port.in.ReadAudit.AuditQuery;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tokenmint audit list}. */
@Command(
    name = "audit",
    description =
        "Read a workspace's audit: minted tokens and administrative changes (same configuration as serve).",
    mixinStandardHelpOptions = true)
final class AuditCommand {

  /** Most events one listing shows unless asked. */
  static final int DEFAULT_LIMIT = 50;

  @Mixin Configuration configuration;

  @Command(name = "list", description = "List the workspace's audit events, newest first.")
  int list(
      @Mixin WorkspaceOption workspace,
      @Option(names = "--user", paramLabel = "USER_ID", description = "only events about this user")
          String user,
      @Option(
              names = "--kind",
              paramLabel = "KIND",
              description = "only events of this kind, e.g. user.added, key.rotated, token.minted")
          AuditKind kind,
      @Option(
              names = "--limit",
              paramLabel = "N",
              defaultValue = "" + DEFAULT_LIMIT,
              description =
                  "most events shown, 1 to "
                      + AuditQuery.MAX_PAGE_SIZE
                      + " (default: ${DEFAULT-VALUE})")
          int limit) {
    if (limit < 1 || limit > AuditQuery.MAX_PAGE_SIZE) {
      throw new InvalidArgumentException(
          "--limit", "must be 1 to " + AuditQuery.MAX_PAGE_SIZE + ", got " + limit);
    }
    AuditQuery query =
        new AuditQuery(
            Optional.ofNullable(kind).map(AuditKind::wireName),
            Optional.ofNullable(user),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            limit,
            Optional.empty());
    return configuration.administer(
        (admin, settings, out) ->
            print(out, admin.audit().read(admin.operatorOf(workspace.apiKey), query).events()));
  }

  private static final List<String> HEADERS =
      List.of("TIME", "KIND", "ACTOR", "TARGET", "USER", "REQUEST", "DETAIL");

  /** One row per event, in columns as wide as their widest value; {@code -} for a missing part. */
  static void print(PrintWriter out, List<AuditEvent> events) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (AuditEvent event : events) {
      rows.add(
          List.of(
              event.at().truncatedTo(ChronoUnit.SECONDS).toString(),
              event.kind().wireName(),
              event.actor(),
              event.target().orElse("-"),
              event.userId().orElse("-"),
              event.requestId().orElse("-"),
              event.detail().orElse("-")));
    }
    int[] widths = new int[HEADERS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < widths.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(line);
    }
    if (events.isEmpty()) {
      out.println("(no events)");
    }
  }
}
