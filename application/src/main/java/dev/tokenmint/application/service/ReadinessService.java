package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.CheckReadiness;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.UnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ready when the default workspace exists and has an active signing key. */
public final class ReadinessService implements CheckReadiness {

  private final WorkspaceStore workspaces;
  private final KeyRing keyRing;

  /** A service reading the given stores. */
  public ReadinessService(WorkspaceStore workspaces, KeyRing keyRing) {
    this.workspaces = workspaces;
    this.keyRing = keyRing;
  }

  @Override
  public Readiness readiness() {
    Map<String, String> checks = new LinkedHashMap<>();
    try {
      var workspace = workspaces.findDefault();
      checks.put("workspace", workspace.isPresent() ? "up" : "default workspace missing");
      checks.put(
          "signingKey",
          workspace.flatMap(w -> keyRing.activeKey(w.id())).isPresent()
              ? "up"
              : "no active signing key");
    } catch (UnavailableException e) {
      checks.put("store", "unavailable");
    }
    return new Readiness(checks.values().stream().allMatch("up"::equals), checks);
  }
}
