package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManageKeys;
import dev.tokenmint.application.port.in.PublishKeys;
import dev.tokenmint.application.port.out.KeyGenerator;
import dev.tokenmint.application.port.out.KeyRing;
import dev.tokenmint.application.port.out.WorkspaceStore;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Keeps every workspace's ring with an active key and publishes the keys that verify. */
public final class KeyService implements ManageKeys, PublishKeys {

  private final WorkspaceStore workspaces;
  private final KeyRing keyRing;
  private final KeyGenerator generator;
  private final Clock clock;

  /** A service over the given ring, making keys with {@code generator}. */
  public KeyService(
      WorkspaceStore workspaces, KeyRing keyRing, KeyGenerator generator, Clock clock) {
    this.workspaces = workspaces;
    this.keyRing = keyRing;
    this.generator = generator;
    this.clock = clock;
  }

  @Override
  public SigningKey ensureActiveKey(Workspace workspace, SigningAlgorithm algorithm) {
    Optional<SigningKey> active = keyRing.activeKey(workspace.id());
    if (active.isPresent() && active.get().algorithm() == algorithm) {
      return active.get();
    }
    SigningKey key = generator.generate(algorithm, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    keyRing.activate(workspace.id(), key);
    return key;
  }

  @Override
  public List<String> publicJwks(Optional<String> apiKey) {
    Workspace workspace =
        apiKey
            .map(
                key ->
                    workspaces
                        .findByApiKey(key)
                        .orElseThrow(() -> new NotFoundException("no workspace has this API key")))
            .or(workspaces::findDefault)
            .orElseThrow(() -> new NotFoundException("the default workspace does not exist yet"));
    return keyRing.keys(workspace.id()).stream()
        .filter(SigningKey::isPublished)
        .map(SigningKey::publicJwk)
        .toList();
  }
}
