package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.FixedKeyGenerator;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.failure.FailedPreconditionException;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.failure.PermissionDeniedException;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class KeyServiceTest {

  private static final Set<SigningAlgorithm> ALL = EnumSet.allOf(SigningAlgorithm.class);

  private final TestApplication app = TestApplication.standard();
  private final Caller admin = new Caller(app.defaultWorkspace, "a", CredentialRole.ADMIN);

  /** A service over the fixture's stores whose operator allows only {@code global}. */
  private KeyService withGlobal(SigningAlgorithm... global) {
    return new KeyService(
        app.workspaces,
        app.keyRing,
        app.settings,
        new FixedKeyGenerator(),
        app.audit,
        app.clock,
        TestApplication.OVERLAP,
        Set.of(global));
  }

  private static void assertRefusedNaming(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("allowed"))
                    .satisfies(v -> assertThat(v.message()).contains(message)));
  }

  @Test
  void a_workspace_accepts_the_operators_list_until_its_admin_narrows_it() {
    assertThat(app.keyService.allowedAlgorithms(admin)).isEqualTo(ALL);
    assertThat(withGlobal(SigningAlgorithm.ES256, SigningAlgorithm.RS256).allowedAlgorithms(admin))
        .containsExactly(SigningAlgorithm.ES256, SigningAlgorithm.RS256);

    Set<SigningAlgorithm> effective =
        app.keyService.allowAlgorithms(
            admin, Set.of(SigningAlgorithm.EDDSA, SigningAlgorithm.ES256));

    assertThat(effective).containsExactly(SigningAlgorithm.ES256, SigningAlgorithm.EDDSA);
    assertThat(app.keyService.allowedAlgorithms(admin)).isEqualTo(effective);
    assertThat(app.keyService.effectiveAlgorithms(app.defaultWorkspace.id())).isEqualTo(effective);
    assertThat(app.settings.allowedAlgorithms(app.defaultWorkspace.id())).contains(effective);
  }

  @Test
  void a_list_must_be_non_empty_within_the_operators_list_and_hold_the_active_keys_algorithm() {
    KeyService narrow = withGlobal(SigningAlgorithm.ES256, SigningAlgorithm.EDDSA);

    assertRefusedNaming(() -> app.keyService.allowAlgorithms(admin, Set.of()), "at least one");
    assertRefusedNaming(
        () -> narrow.allowAlgorithms(admin, Set.of(SigningAlgorithm.ES256, SigningAlgorithm.HS256)),
        "must be within the operator's allowed algorithms (ES256, EdDSA); not allowed: HS256");
    assertRefusedNaming(
        () -> app.keyService.allowAlgorithms(admin, Set.of(SigningAlgorithm.EDDSA)),
        "must include ES256, the algorithm of the workspace's active key");

    assertThat(app.settings.allowedAlgorithms(app.defaultWorkspace.id())).isEmpty();
  }

  @Test
  void only_admins_read_or_set_the_list() {
    Caller issuer = new Caller(app.defaultWorkspace, "i", CredentialRole.ISSUER);

    assertThatThrownBy(() -> app.keyService.allowedAlgorithms(issuer))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> app.keyService.allowAlgorithms(issuer, Set.of(SigningAlgorithm.ES256)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(app.settings.allowedAlgorithms(app.defaultWorkspace.id())).isEmpty();
  }

  @Test
  void lists_are_per_workspace() {
    Workspace other = app.workspaceService.create("other").workspace();
    app.keyService.ensureActiveKey(other, SigningAlgorithm.EDDSA);

    app.keyService.allowAlgorithms(
        new Caller(other, "o", CredentialRole.ADMIN), Set.of(SigningAlgorithm.EDDSA));

    assertThat(app.keyService.effectiveAlgorithms(other.id()))
        .containsExactly(SigningAlgorithm.EDDSA);
    assertThat(app.keyService.allowedAlgorithms(admin)).isEqualTo(ALL);
  }

  @Test
  void the_active_keys_algorithm_stays_accepted_after_the_signing_algorithm_changed() {
    app.keyService.allowAlgorithms(admin, Set.of(SigningAlgorithm.ES256));

    app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.PS256);

    assertThat(app.keyService.allowedAlgorithms(admin))
        .containsExactly(SigningAlgorithm.ES256, SigningAlgorithm.PS256);
  }

  /** What one read of the ring gives a verification is what the two reads give. */
  private void assertVerifiersAreTheTwoReads(KeyService service, Instant now) {
    String id = app.defaultWorkspace.id();
    var verifiers = service.verifiers(id, now);
    assertThat(verifiers.keys()).containsExactlyElementsOf(service.verifyingKeys(id, now));
    assertThat(verifiers.algorithms()).isEqualTo(service.effectiveAlgorithms(id));
  }

  @Test
  void verifiers_are_the_verifying_keys_and_the_effective_algorithms_in_every_state() {
    Instant now = app.clock.instant();
    KeyService narrow = withGlobal(SigningAlgorithm.ES256, SigningAlgorithm.EDDSA);
    assertVerifiersAreTheTwoReads(app.keyService, now); // the operator's list
    assertVerifiersAreTheTwoReads(narrow, now);

    app.keyService.allowAlgorithms(admin, Set.of(SigningAlgorithm.ES256));
    app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.PS256);
    assertThat(app.keyService.verifiers(app.defaultWorkspace.id(), now).algorithms())
        .as("the active key's algorithm, from the same read of the ring")
        .containsExactlyInAnyOrder(SigningAlgorithm.ES256, SigningAlgorithm.PS256);
    assertVerifiersAreTheTwoReads(app.keyService, now);
    assertVerifiersAreTheTwoReads(narrow, now); // PS256 beyond the operator's list

    app.keyService.rotate(admin);
    assertThat(app.keyService.verifiers(app.defaultWorkspace.id(), now).keys()).hasSize(3);
    assertVerifiersAreTheTwoReads(app.keyService, now);
    Instant pastOverlap = now.plus(TestApplication.OVERLAP).plusSeconds(1);
    assertThat(app.keyService.verifiers(app.defaultWorkspace.id(), pastOverlap).keys())
        .as("the retiring keys no longer verify")
        .hasSize(1);
    assertVerifiersAreTheTwoReads(app.keyService, pastOverlap);
  }

  @Test
  void the_operators_list_stays_the_ceiling_when_it_shrinks_after_a_list_was_set() {
    app.keyService.allowAlgorithms(admin, Set.of(SigningAlgorithm.ES256, SigningAlgorithm.RS256));

    assertThat(withGlobal(SigningAlgorithm.ES256, SigningAlgorithm.EDDSA).allowedAlgorithms(admin))
        .containsExactly(SigningAlgorithm.ES256);
  }

  @Test
  void the_operators_list_must_not_be_empty() {
    assertThatThrownBy(this::withGlobal).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_existing_active_key_of_the_same_algorithm_is_kept() {
    SigningKey before = app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow();

    assertThat(app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.ES256))
        .isEqualTo(before);
  }

  @Test
  void switching_algorithm_activates_a_new_key_and_keeps_the_old_one_verifying() {
    SigningKey before = app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow();

    SigningKey after = app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.EDDSA);

    assertThat(after.kid()).isNotEqualTo(before.kid());
    assertThat(app.keyRing.keys(app.defaultWorkspace.id()))
        .extracting(SigningKey::kid, SigningKey::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(after.kid(), KeyStatus.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(before.kid(), KeyStatus.RETIRING));
    assertThat(app.keyService.publicJwks(Optional.empty())).hasSize(2);
  }

  @Test
  void jwks_is_per_workspace_and_symmetric_keys_are_never_published() {
    Workspace other =
        new Workspace(
            "ws-2",
            "tmk_other_ws",
            "other",
            false,
            Workspace.issuerUnder("http://localhost:8080", "tmk_other_ws", false));
    app.workspaces.create(other);
    app.keyService.ensureActiveKey(other, SigningAlgorithm.HS256);

    assertThat(app.keyService.publicJwks(Optional.of("tmk_other_ws"))).isEmpty();
    assertThat(app.keyService.publicJwks(Optional.empty()))
        .singleElement()
        .asString()
        .contains(app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow().kid());
  }

  // ---------------------------------------------------------------- at most ten keys verify at
  // once

  /** The fixture's key service with the clock at {@code NOW + seconds}. */
  private KeyService at(long seconds) {
    return new KeyService(
        app.workspaces,
        app.keyRing,
        app.settings,
        app.keyGenerator,
        app.audit,
        Clock.fixed(TestApplication.NOW.plusSeconds(seconds), ZoneOffset.UTC),
        TestApplication.OVERLAP,
        ALL);
  }

  @Test
  void a_rotation_beyond_ten_verifying_keys_is_refused_saying_when_the_oldest_leaves() {
    for (int i = 1; i <= 9; i++) {
      at(i).rotate(admin);
    }
    String id = app.defaultWorkspace.id();
    assertThat(app.keyService.verifyingKeys(id, TestApplication.NOW.plusSeconds(10))).hasSize(10);
    Instant oldestLeaves = TestApplication.NOW.plusSeconds(1).plus(TestApplication.OVERLAP);

    assertThatThrownBy(() -> at(10).rotate(admin))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessage(
            "the workspace already has 10 signing keys that verify (the active key and 9"
                + " retiring), the most it publishes at once; the oldest retiring key, test-key-1,"
                + " stops verifying and leaves the JWKS at "
                + oldestLeaves
                + " (in 172851 s): rotate after that");
    assertThat(app.keyRing.keys(id)).hasSize(10);
    assertThat(at(10).rotateIfOlderThan(app.defaultWorkspace, Duration.ZERO))
        .as("a scheduled rotation waits too")
        .isFalse();
    assertThat(app.keyRing.keys(id)).hasSize(10);

    long leaves = oldestLeaves.getEpochSecond() - TestApplication.NOW.getEpochSecond();
    assertThatThrownBy(() -> at(leaves - 1).rotate(admin))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(at(leaves).rotate(admin).kid()).isEqualTo("test-key-11");
    assertThat(at(leaves).verifyingKeys(id, oldestLeaves)).hasSize(10);
  }

  @Test
  void the_cap_on_verifying_keys_is_configurable_and_at_least_two() {
    KeyService two =
        new KeyService(
            app.workspaces,
            app.keyRing,
            app.settings,
            app.keyGenerator,
            app.audit,
            app.clock,
            TestApplication.OVERLAP,
            ALL,
            2);

    two.rotate(admin);

    assertThatThrownBy(() -> two.rotate(admin))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageStartingWith(
            "the workspace already has 2 signing keys that verify (the active key and 1 retiring)");
    assertThatThrownBy(
            () ->
                new KeyService(
                    app.workspaces,
                    app.keyRing,
                    app.settings,
                    app.keyGenerator,
                    app.audit,
                    app.clock,
                    TestApplication.OVERLAP,
                    ALL,
                    1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_new_algorithm_at_start_is_never_refused_by_the_cap() {
    for (int i = 1; i <= 9; i++) {
      at(i).rotate(admin);
    }

    SigningKey eddsa = at(10).ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.EDDSA);

    assertThat(eddsa.algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
    assertThat(app.keyRing.activeKey(app.defaultWorkspace.id())).contains(eddsa);
  }

  @Test
  void an_unknown_api_key_has_no_jwks() {
    assertThatThrownBy(() -> app.keyService.publicJwks(Optional.of("tmk_nobody_here")))
        .isInstanceOf(NotFoundException.class);
  }
}
