package dev.tokenmint.application.service;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.RecordingTokenSigner;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.VerifyToken.AccessCheck;
import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.PermissionDeniedException;
import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.verification.Refused;
import dev.tokenmint.domain.verification.Rejection;
import dev.tokenmint.domain.verification.Verification;
import dev.tokenmint.domain.verification.VerifiedToken;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerificationServiceTest {

  private static final Organization ORG = new Organization("org_1");
  private static final Folder FOLDER = new Folder("folder_1", "org_1");
  private static final Document DOC = new Document("doc_1", "org_1");

  private final TestApplication app = TestApplication.standard();
  private final Caller issuer = new Caller(app.defaultWorkspace, "i", CredentialRole.ISSUER);
  private final Caller admin = new Caller(app.defaultWorkspace, "a", CredentialRole.ADMIN);

  private String mint(Grant... grants) {
    return app.mintToken
        .mint(
            issuer,
            new MintTokenCommand(new User("u1", UserProfile.empty()), GrantSet.of(List.of(grants))))
        .token();
  }

  /** The same service with the clock moved by {@code offset}. */
  private VerificationService at(Duration offset) {
    return new VerificationService(
        app.keyService,
        app.verifier,
        app.revocations,
        app.audit,
        Clock.fixed(TestApplication.NOW.plus(offset), ZoneOffset.UTC),
        TestApplication.SKEW,
        128 * 1024);
  }

  private static Rejection rejection(Verification check) {
    assertThat(check).isInstanceOf(Refused.class);
    return ((Refused) check).rejection();
  }

  @Test
  void a_fresh_token_verifies_with_its_claims() {
    String token = mint(Grant.of(ORG, AccessRole.VIEWER));

    Verification check = app.verification.verify(issuer, token);

    assertThat(check).isInstanceOf(VerifiedToken.class);
    assertThat(((VerifiedToken) check).claims().subject()).isEqualTo("u1");
    assertThat(((VerifiedToken) check).signature().claims().get("sub")).contains("u1");
  }

  @Test
  void expiry_is_judged_with_the_clock_skew() {
    String token = mint();

    assertThat(at(Duration.ofHours(48).plusSeconds(59)).verify(issuer, token))
        .isInstanceOf(VerifiedToken.class);
    assertThat(rejection(at(Duration.ofHours(48).plusSeconds(60)).verify(issuer, token)))
        .isEqualTo(Rejection.EXPIRED);
  }

  @Test
  void a_token_issued_in_the_future_is_not_yet_valid() {
    String token = mint();

    assertThat(rejection(at(Duration.ofSeconds(-61)).verify(issuer, token)))
        .isEqualTo(Rejection.NOT_YET_VALID);
    assertThat(at(Duration.ofSeconds(-59)).verify(issuer, token)).isInstanceOf(VerifiedToken.class);
  }

  @Test
  void a_workspace_list_without_a_retiring_keys_algorithm_refuses_its_tokens() {
    String es256 = mint();
    app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.EDDSA);
    String eddsa = mint();
    assertThat(app.verification.verify(issuer, es256)).isInstanceOf(VerifiedToken.class);

    app.keyService.allowAlgorithms(admin, Set.of(SigningAlgorithm.EDDSA));

    assertThat(rejection(app.verification.verify(issuer, es256)))
        .isEqualTo(Rejection.ALGORITHM_NOT_ALLOWED);
    assertThat(app.verification.verify(issuer, eddsa)).isInstanceOf(VerifiedToken.class);
    assertThatThrownBy(() -> app.verification.revoke(admin, Optional.of(es256), Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.getMessage()).contains("algorithm_not_allowed"));
  }

  @Test
  void another_workspaces_list_does_not_narrow_this_one() {
    String es256 = mint();
    app.keyService.ensureActiveKey(app.defaultWorkspace, SigningAlgorithm.EDDSA);
    var other = app.workspaceService.create("other").workspace();
    app.keyService.ensureActiveKey(other, SigningAlgorithm.EDDSA);

    app.keyService.allowAlgorithms(
        new Caller(other, "o", CredentialRole.ADMIN), Set.of(SigningAlgorithm.EDDSA));

    assertThat(app.verification.verify(issuer, es256)).isInstanceOf(VerifiedToken.class);
  }

  @Test
  void another_workspaces_token_is_refused() {
    var other = app.workspaceService.create("other").workspace();
    String foreign =
        app.mintToken
            .mint(
                new Caller(other, "o", CredentialRole.ISSUER),
                new MintTokenCommand(new User("u1", UserProfile.empty()), GrantSet.empty()))
            .token();

    assertThat(rejection(app.verification.verify(issuer, foreign)))
        .isEqualTo(Rejection.UNKNOWN_KEY);
  }

  @Test
  void revoked_by_token_or_by_jti_until_it_would_have_expired() {
    String byToken = mint();
    String byJti = mint();
    String jti = ((VerifiedToken) app.verification.verify(issuer, byJti)).claims().jti();

    var revoked = app.verification.revoke(admin, Optional.of(byToken), Optional.empty());
    app.verification.revoke(admin, Optional.empty(), Optional.of(jti));

    assertThat(revoked.until())
        .isEqualTo(TestApplication.NOW.plus(Duration.ofHours(48)).plusSeconds(60));
    assertThat(rejection(app.verification.verify(issuer, byToken))).isEqualTo(Rejection.REVOKED);
    assertThat(rejection(app.verification.verify(issuer, byJti))).isEqualTo(Rejection.REVOKED);
    assertThat(app.revocations.forgetExpired(TestApplication.NOW.plus(Duration.ofHours(48))))
        .isZero();
    assertThat(app.revocations.forgetExpired(TestApplication.NOW.plus(Duration.ofHours(49))))
        .isEqualTo(2);
  }

  @Test
  void only_admins_revoke_and_garbage_is_not_revocable() {
    assertThatThrownBy(() -> app.verification.revoke(issuer, Optional.empty(), Optional.of("x")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(
            () -> app.verification.revoke(admin, Optional.of("garbage"), Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.getMessage()).contains("token").contains("malformed"));
    assertThatThrownBy(() -> app.verification.revoke(admin, Optional.empty(), Optional.empty()))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void a_token_signed_before_a_rotation_verifies_until_the_overlap_ends() {
    String before = mint();
    SigningKey rotatedOut = app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow();

    SigningKey next = app.keyService.rotate(admin);

    assertThat(app.verification.verify(issuer, before)).isInstanceOf(VerifiedToken.class);
    assertThat(app.keyService.publicJwks(Optional.empty())).hasSize(2);
    assertThat(
            app.keyService.verifyingKeys(
                app.defaultWorkspace.id(), TestApplication.NOW.plus(TestApplication.OVERLAP)))
        .extracting(SigningKey::kid)
        .containsExactly(next.kid())
        .doesNotContain(rotatedOut.kid());
    assertThat(app.keyService.keys(admin).get(1).verifiesUntil())
        .contains(TestApplication.NOW.plus(TestApplication.OVERLAP));
  }

  @Test
  void rotation_on_a_schedule_happens_only_when_the_key_is_old_enough() {
    assertThat(app.keyService.rotateIfOlderThan(app.defaultWorkspace, Duration.ofDays(1)))
        .isFalse();
    assertThat(app.keyService.rotateIfOlderThan(app.defaultWorkspace, Duration.ZERO)).isTrue();
    assertThat(app.keyRing.keys(app.defaultWorkspace.id())).hasSize(2);
  }

  @Test
  void check_access_follows_the_access_rule() {
    Instant past = TestApplication.NOW.minusSeconds(1);
    String docOverOrg = mint(Grant.of(ORG, AccessRole.EDITOR), Grant.of(DOC, AccessRole.VIEWER));
    String orgUnderDoc = mint(Grant.of(ORG, AccessRole.VIEWER), Grant.of(DOC, AccessRole.EDITOR));
    String expiredDoc =
        mint(
            Grant.of(ORG, AccessRole.VIEWER), new Grant(DOC, AccessRole.EDITOR, Optional.of(past)));
    String folderOnly = mint(Grant.of(FOLDER, AccessRole.EDITOR));

    assertThat(role(docOverOrg, AccessTarget.of(DOC))).contains(AccessRole.VIEWER);
    assertThat(role(orgUnderDoc, AccessTarget.of(DOC))).contains(AccessRole.EDITOR);
    assertThat(role(expiredDoc, AccessTarget.of(DOC))).contains(AccessRole.VIEWER);
    assertThat(role(folderOnly, new AccessTarget(DOC, Optional.of("folder_1"))))
        .contains(AccessRole.EDITOR);
    assertThat(role(folderOnly, AccessTarget.of(DOC))).isEmpty();
    assertThat(role(mint(), AccessTarget.of(ORG))).isEmpty();
  }

  @Test
  void check_access_on_an_invalid_token_answers_the_rejection_and_no_decision() {
    AccessCheck check = app.verification.checkAccess(issuer, "garbage", AccessTarget.of(ORG));

    assertThat(rejection(check.verification())).isEqualTo(Rejection.MALFORMED);
    assertThat(check.decision()).isEmpty();
  }

  // ---------------------------------------------------------------- nbf and aud

  @Test
  void nbf_beyond_the_skew_is_not_yet_valid_and_within_it_valid() {
    long now = TestApplication.NOW.getEpochSecond();
    String beyond = signedWith(Map.of("nbf", now + 61));
    String within = signedWith(Map.of("nbf", now + 60));

    assertThat(app.verification.verify(issuer, beyond))
        .isEqualTo(new Refused(Rejection.NOT_YET_VALID, "nbf " + (now + 61) + " is in the future"));
    assertThat(app.verification.verify(issuer, within)).isInstanceOf(VerifiedToken.class);
    assertThat(at(Duration.ofSeconds(1)).verify(issuer, beyond)).isInstanceOf(VerifiedToken.class);
  }

  @Test
  void a_token_naming_an_audience_verifies_only_for_that_audience() {
    String token =
        signedWith(Map.of("aud", List.of("https://api.example", "https://other.example")));

    assertThat(app.verification.verify(issuer, token, Optional.of("https://api.example")))
        .isInstanceOf(VerifiedToken.class);
    assertThat(
            rejection(
                app.verification.verify(issuer, token, Optional.of("https://elsewhere.example"))))
        .isEqualTo(Rejection.WRONG_AUDIENCE);
    assertThat(rejection(app.verification.verify(issuer, token)))
        .isEqualTo(Rejection.WRONG_AUDIENCE);
  }

  @Test
  void an_expected_audience_refuses_tokenmint_s_own_tokens_which_name_none() {
    String token = mint();

    assertThat(app.verification.verify(issuer, token, Optional.of("https://api.example")))
        .isEqualTo(
            new Refused(
                Rejection.WRONG_AUDIENCE,
                "the token names no audience; expected 'https://api.example'"));
    assertThat(app.verification.verify(issuer, token, Optional.empty()))
        .isInstanceOf(VerifiedToken.class);
  }

  @Test
  void check_access_refuses_a_token_naming_an_audience_as_none_is_expected() {
    String token = signedWith(Map.of("aud", "https://api.example"));

    AccessCheck check = app.verification.checkAccess(issuer, token, AccessTarget.of(ORG));

    assertThat(rejection(check.verification())).isEqualTo(Rejection.WRONG_AUDIENCE);
    assertThat(check.decision()).isEmpty();
  }

  @Test
  void audience_is_judged_after_the_times_and_before_revocation() {
    String token = signedWith(Map.of("aud", "https://api.example"));
    app.verification.revoke(admin, Optional.of(token), Optional.empty());

    assertThat(rejection(app.verification.verify(issuer, token)))
        .isEqualTo(Rejection.WRONG_AUDIENCE);
    assertThat(
            rejection(app.verification.verify(issuer, token, Optional.of("https://api.example"))))
        .isEqualTo(Rejection.REVOKED);
    assertThat(rejection(at(Duration.ofHours(49)).verify(issuer, token)))
        .isEqualTo(Rejection.EXPIRED);
  }

  @Test
  void an_expected_audience_that_is_no_identifier_is_invalid_argument() {
    String token = mint();

    assertThat(violationsOf(() -> app.verification.verify(issuer, token, Optional.of(""))))
        .containsExactly(new Violation("audience", "is required and must not be empty"));
    assertThat(violationsOf(() -> app.verification.verify(issuer, token, Optional.of("a\nb"))))
        .containsExactly(new Violation("audience", "must not contain control characters"));
  }

  // ---------------------------------------------------------------- grants and claims that do not
  // read

  static Stream<Arguments> badlyTypedGrantExpiries() {
    return Stream.of(
        Arguments.of("the string \"1\"", "1"),
        Arguments.of("true", true),
        Arguments.of("[1]", List.of(1L)),
        Arguments.of("negative", -1L),
        Arguments.of("zero", 0L),
        Arguments.of("year 10000", 253_402_300_800L),
        Arguments.of("2^63 - 1", Long.MAX_VALUE));
  }

  @ParameterizedTest(name = "expiresAt {0}")
  @MethodSource("badlyTypedGrantExpiries")
  void check_access_fails_closed_on_a_grant_expiry_that_does_not_read(
      String name, Object expiresAt) {
    Map<String, Object> grant = new LinkedHashMap<>();
    grant.put("type", "organization");
    grant.put("id", "org_1");
    grant.put("accessRole", "editor");
    grant.put("expiresAt", expiresAt);
    String token = signedWith(Map.of("permissions", Map.of("resources", List.of(grant))));

    AccessCheck check = app.verification.checkAccess(issuer, token, AccessTarget.of(ORG));

    assertThat(check.decision()).as("no access is decided from an unreadable grant").isEmpty();
    assertThat(check.verification())
        .isInstanceOfSatisfying(
            Refused.class,
            invalid -> {
              assertThat(invalid.rejection()).isEqualTo(Rejection.MALFORMED);
              assertThat(invalid.detail())
                  .startsWith("its grants are not valid: permissions.resources[0].expiresAt: ");
            });
    assertThat(rejection(app.verification.verify(issuer, token))).isEqualTo(Rejection.MALFORMED);
  }

  @Test
  void a_token_without_a_jti_string_or_iat_is_malformed() {
    assertThat(rejection(app.verification.verify(issuer, signedWithout("jti"))))
        .isEqualTo(Rejection.MALFORMED);
    assertThat(rejection(app.verification.verify(issuer, signedWith(Map.of("jti", 42L)))))
        .isEqualTo(Rejection.MALFORMED);
    assertThat(rejection(app.verification.verify(issuer, signedWithout("iat"))))
        .isEqualTo(Rejection.MALFORMED);
  }

  @Test
  void a_lifetime_longer_than_the_profile_s_is_malformed_and_an_old_iat_expired() {
    long now = TestApplication.NOW.getEpochSecond();
    long longest = 48 * 3600 + 60;

    assertThat(app.verification.verify(issuer, signedWith(Map.of("exp", now + longest))))
        .isInstanceOf(VerifiedToken.class);
    assertThat(
            rejection(
                app.verification.verify(issuer, signedWith(Map.of("exp", now + longest + 1)))))
        .isEqualTo(Rejection.MALFORMED);
    assertThat(
            rejection(
                app.verification.verify(
                    issuer, signedWith(Map.of("iat", now - longest - 1, "exp", now - 1)))))
        .isEqualTo(Rejection.EXPIRED);
  }

  private String signedWithout(String claim) {
    mint(Grant.of(ORG, AccessRole.VIEWER));
    RecordingTokenSigner.Signed minted = app.signer.last();
    Map<String, Object> claims = new LinkedHashMap<>(minted.claims().asMap());
    claims.remove(claim);
    SigningKey key = app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow();
    return app.signer.sign(minted.header(), new TokenClaims(claims), key);
  }

  /**
   * A token signed by the default workspace's active key with the claims tokenmint mints plus
   * {@code extra}: what another issuer sharing the ring could sign.
   */
  private String signedWith(Map<String, Object> extra) {
    mint(Grant.of(ORG, AccessRole.VIEWER));
    RecordingTokenSigner.Signed minted = app.signer.last();
    Map<String, Object> claims = new LinkedHashMap<>(minted.claims().asMap());
    claims.putAll(extra);
    SigningKey key = app.keyRing.activeKey(app.defaultWorkspace.id()).orElseThrow();
    return app.signer.sign(minted.header(), new TokenClaims(claims), key);
  }

  private Optional<AccessRole> role(String token, AccessTarget target) {
    AccessDecision decision =
        app.verification.checkAccess(issuer, token, target).decision().orElseThrow();
    return decision instanceof AccessDecision.Allowed allowed
        ? Optional.of(allowed.role())
        : Optional.empty();
  }
}
