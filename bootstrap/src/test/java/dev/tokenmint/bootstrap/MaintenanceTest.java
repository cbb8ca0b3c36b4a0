package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.adapter.crypto.MasterKey;
import dev.tokenmint.adapter.crypto.NimbusKeyGenerator;
import dev.tokenmint.application.memory.InMemoryAuditLog;
import dev.tokenmint.application.memory.InMemoryKeyRing;
import dev.tokenmint.application.memory.InMemoryRevocationList;
import dev.tokenmint.application.memory.InMemoryWorkspaceSettings;
import dev.tokenmint.application.memory.InMemoryWorkspaceStore;
import dev.tokenmint.application.service.KeyService;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintenanceTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
  private final InMemoryKeyRing ring = new InMemoryKeyRing();
  private final InMemoryRevocationList revocations = new InMemoryRevocationList();
  private final InMemoryAuditLog audit = new InMemoryAuditLog(100);
  private final Workspace workspace =
      new Workspace(
          "ws",
          "tmk_maintenance",
          "m",
          true,
          Workspace.issuerUnder("http://localhost:8080", "tmk_maintenance", true));

  private Maintenance at(Instant now, Optional<Duration> rotation) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    KeyService keys =
        new KeyService(
            workspaces,
            ring,
            new InMemoryWorkspaceSettings(),
            new NimbusKeyGenerator(MasterKey.generate()),
            audit,
            clock,
            Duration.ofHours(49),
            EnumSet.allOf(SigningAlgorithm.class));
    return new Maintenance(workspaces, keys, revocations, clock, rotation);
  }

  @Test
  void a_round_rotates_keys_older_than_the_schedule_and_only_those() {
    workspaces.create(workspace);
    new KeyService(
            workspaces,
            ring,
            new InMemoryWorkspaceSettings(),
            new NimbusKeyGenerator(MasterKey.generate()),
            audit,
            Clock.fixed(T0, ZoneOffset.UTC),
            Duration.ofHours(49),
            EnumSet.allOf(SigningAlgorithm.class))
        .ensureActiveKey(workspace, SigningAlgorithm.ES256);

    at(T0.plus(Duration.ofDays(6)), Optional.of(Duration.ofDays(7))).round();
    assertThat(ring.keys(workspace.id())).hasSize(1);

    at(T0.plus(Duration.ofDays(7)), Optional.of(Duration.ofDays(7))).round();
    assertThat(ring.keys(workspace.id())).hasSize(2);
    assertThat(audit.events())
        .singleElement()
        .satisfies(event -> assertThat(event.actor()).isEqualTo(AuditEvent.SCHEDULER))
        .satisfies(event -> assertThat(event.kind()).isEqualTo(AuditKind.KEY_ROTATED))
        .satisfies(
            event -> assertThat(event.target()).contains(ring.keys(workspace.id()).get(0).kid()));

    at(T0.plus(Duration.ofDays(8)), Optional.empty()).round();
    assertThat(ring.keys(workspace.id())).as("no schedule, no rotation").hasSize(2);
  }

  @Test
  void a_round_forgets_lapsed_revocations() {
    revocations.revoke("ws", "old", T0.plusSeconds(10));
    revocations.revoke("ws", "live", T0.plusSeconds(1000));

    at(T0.plusSeconds(100), Optional.empty()).round();

    assertThat(revocations.forgetExpired(T0.plusSeconds(100))).isZero();
    assertThat(revocations.isRevoked("ws", "live", T0.plusSeconds(100))).isTrue();
  }
}
