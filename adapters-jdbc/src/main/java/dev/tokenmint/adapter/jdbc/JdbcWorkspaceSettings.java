package dev.tokenmint.adapter.jdbc;

import dev.tokenmint.application.port.out.WorkspaceSettings;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.RateLimit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Workspace settings in columns of the {@code workspaces} table. */
final class JdbcWorkspaceSettings implements WorkspaceSettings {

  private final JdbcTransactions jdbc;

  JdbcWorkspaceSettings(JdbcTransactions jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Set<SigningAlgorithm>> allowedAlgorithms(String workspaceId) {
    return jdbc.first(
            "SELECT allowed_algorithms FROM workspaces WHERE id = ?",
            row -> Optional.ofNullable(row.getString("allowed_algorithms")),
            workspaceId)
        .flatMap(Function.identity())
        .map(JdbcWorkspaceSettings::parse);
  }

  @Override
  public void setAllowedAlgorithms(String workspaceId, Set<SigningAlgorithm> algorithms) {
    String names =
        EnumSet.copyOf(algorithms).stream()
            .map(SigningAlgorithm::joseName)
            .collect(Collectors.joining(","));
    int updated =
        jdbc.update(
            "UPDATE workspaces SET allowed_algorithms = ? WHERE id = ?", names, workspaceId);
    if (updated == 0) {
      throw new NotFoundException("no workspace has id " + workspaceId);
    }
  }

  @Override
  public Optional<RateLimit> rateLimit(String workspaceId) {
    return jdbc.first(
            "SELECT rate_limit FROM workspaces WHERE id = ?",
            row -> {
              int perSecond = row.getInt("rate_limit");
              return row.wasNull()
                  ? Optional.<RateLimit>empty()
                  : Optional.of(new RateLimit(perSecond));
            },
            workspaceId)
        .flatMap(Function.identity());
  }

  @Override
  public void setRateLimit(String workspaceId, Optional<RateLimit> limit) {
    int updated =
        jdbc.update(
            "UPDATE workspaces SET rate_limit = ? WHERE id = ?",
            limit.map(RateLimit::perSecond).orElse(null),
            workspaceId);
    if (updated == 0) {
      throw new NotFoundException("no workspace has id " + workspaceId);
    }
  }

  private static Set<SigningAlgorithm> parse(String names) {
    return Set.copyOf(
        Arrays.stream(names.split(",", -1))
            .map(
                name ->
                    SigningAlgorithm.fromJoseName(name)
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "stored allowed algorithm '" + name + "' is unknown")))
            .toList());
  }
}
