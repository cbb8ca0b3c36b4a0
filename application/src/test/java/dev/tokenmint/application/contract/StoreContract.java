package dev.tokenmint.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.AuditLog.MintRecord;
import dev.tokenmint.application.port.out.GrantStore.Member;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.TokenHash;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every implementation of the store ports must have. Each implementation runs it
 * through a subclass that supplies fresh, empty {@link Stores}: in memory, H2 and PostgreSQL.
 */
public abstract class StoreContract {

  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  protected static final Workspace A =
      new Workspace(
          "ws-a",
          "tmk_workspace_a",
          "alpha",
          true,
          Workspace.issuerUnder("http://localhost:8080", "tmk_workspace_a", true));
  protected static final Workspace B =
      new Workspace(
          "ws-b",
          "tmk_workspace_b",
          "beta",
          false,
          Workspace.issuerUnder("http://localhost:8080", "tmk_workspace_b", false));

  protected Stores stores;

  /** Fresh, empty stores for one test. */
  protected abstract Stores newStores();

  @BeforeEach
  void createWorkspaces() {
    stores = newStores();
    stores.workspaces().create(A);
    stores.workspaces().create(B);
  }

  @Nested
  class Workspaces {
    @Test
    void are_found_by_api_key_and_the_default_by_its_flag() {
      assertThat(stores.workspaces().findByApiKey("tmk_workspace_b")).contains(B);
      assertThat(stores.workspaces().findByApiKey("tmk_nobody")).isEmpty();
      assertThat(stores.workspaces().findDefault()).contains(A);
      assertThat(stores.workspaces().list()).containsExactly(A, B);
    }

    @Test
    void a_taken_api_key_id_or_second_default_already_exists() {
      assertThatThrownBy(
              () ->
                  stores
                      .workspaces()
                      .create(
                          new Workspace(
                              "ws-c",
                              "tmk_workspace_a",
                              "c",
                              false,
                              Workspace.issuerUnder(
                                  "http://localhost:8080", "tmk_workspace_a", false))))
          .isInstanceOf(AlreadyExistsException.class);
      assertThatThrownBy(
              () ->
                  stores
                      .workspaces()
                      .create(
                          new Workspace(
                              "ws-a",
                              "tmk_workspace_c",
                              "c",
                              false,
                              Workspace.issuerUnder(
                                  "http://localhost:8080", "tmk_workspace_c", false))))
          .isInstanceOf(AlreadyExistsException.class);
      assertThatThrownBy(
              () ->
                  stores
                      .workspaces()
                      .create(
                          new Workspace(
                              "ws-c",
                              "tmk_workspace_c",
                              "c",
                              true,
                              Workspace.issuerUnder(
                                  "http://localhost:8080", "tmk_workspace_c", true))))
          .isInstanceOf(AlreadyExistsException.class);
      assertThat(stores.workspaces().list()).hasSize(2);
    }

    @Test
    void keep_the_issuer_they_were_created_with() {
      stores.workspaces().assignMissingIssuers("https://elsewhere.example");

      assertThat(stores.workspaces().findDefault().orElseThrow().issuer()).isEqualTo(A.issuer());
      assertThat(stores.workspaces().findByApiKey(B.apiKey()).orElseThrow().issuer())
          .isEqualTo(B.issuer());
    }
  }

  @Nested
  class Settings {
    @Test
    void a_workspace_has_no_allowed_algorithms_until_set_and_the_last_set_wins() {
      assertThat(stores.settings().allowedAlgorithms(A.id())).isEmpty();

      stores
          .settings()
          .setAllowedAlgorithms(A.id(), EnumSet.of(SigningAlgorithm.ES256, SigningAlgorithm.EDDSA));
      assertThat(stores.settings().allowedAlgorithms(A.id()))
          .contains(Set.of(SigningAlgorithm.ES256, SigningAlgorithm.EDDSA));

      stores.settings().setAllowedAlgorithms(A.id(), Set.of(SigningAlgorithm.values()));
      assertThat(stores.settings().allowedAlgorithms(A.id()))
          .contains(Set.of(SigningAlgorithm.values()));

      stores.settings().setAllowedAlgorithms(A.id(), Set.of(SigningAlgorithm.HS256));
      assertThat(stores.settings().allowedAlgorithms(A.id()))
          .contains(Set.of(SigningAlgorithm.HS256));
    }

    @Test
    void allowed_algorithms_are_per_workspace() {
      stores
          .settings()
          .setAllowedAlgorithms(B.id(), Set.of(SigningAlgorithm.PS256, SigningAlgorithm.RS256));

      assertThat(stores.settings().allowedAlgorithms(A.id())).isEmpty();
      assertThat(stores.settings().allowedAlgorithms(B.id()))
          .contains(Set.of(SigningAlgorithm.PS256, SigningAlgorithm.RS256));
    }

    @Test
    void setting_allowed_algorithms_in_a_failing_unit_is_undone() {
      stores.settings().setAllowedAlgorithms(A.id(), Set.of(SigningAlgorithm.ES256));

      assertThatThrownBy(
              () ->
                  stores
                      .transactions()
                      .run(
                          () -> {
                            stores
                                .settings()
                                .setAllowedAlgorithms(A.id(), Set.of(SigningAlgorithm.EDDSA));
                            throw new IllegalStateException("boom");
                          }))
          .isInstanceOf(IllegalStateException.class);

      assertThat(stores.settings().allowedAlgorithms(A.id()))
          .contains(Set.of(SigningAlgorithm.ES256));
    }

    @Test
    void a_workspace_has_no_rate_limit_until_set_the_last_set_wins_and_clearing_removes_it() {
      assertThat(stores.settings().rateLimit(A.id())).isEmpty();

      stores.settings().setRateLimit(A.id(), Optional.of(new RateLimit(50)));
      assertThat(stores.settings().rateLimit(A.id())).contains(new RateLimit(50));

      stores.settings().setRateLimit(A.id(), Optional.of(new RateLimit(RateLimit.MAX_PER_SECOND)));
      assertThat(stores.settings().rateLimit(A.id()))
          .contains(new RateLimit(RateLimit.MAX_PER_SECOND));

      stores.settings().setRateLimit(A.id(), Optional.empty());
      assertThat(stores.settings().rateLimit(A.id())).isEmpty();
    }

    @Test
    void no_limit_is_kept_apart_from_no_setting_and_rate_limits_are_per_workspace() {
      stores.settings().setRateLimit(B.id(), Optional.of(RateLimit.NONE));

      assertThat(stores.settings().rateLimit(B.id())).contains(RateLimit.NONE);
      assertThat(stores.settings().rateLimit(A.id())).isEmpty();
    }

    @Test
    void a_rate_limit_leaves_the_allowed_algorithms_alone_and_the_reverse() {
      stores.settings().setAllowedAlgorithms(A.id(), Set.of(SigningAlgorithm.ES256));
      stores.settings().setRateLimit(A.id(), Optional.of(new RateLimit(5)));
      stores.settings().setAllowedAlgorithms(A.id(), Set.of(SigningAlgorithm.EDDSA));

      assertThat(stores.settings().rateLimit(A.id())).contains(new RateLimit(5));
      assertThat(stores.settings().allowedAlgorithms(A.id()))
          .contains(Set.of(SigningAlgorithm.EDDSA));
    }

    @Test
    void setting_a_rate_limit_in_a_failing_unit_is_undone() {
      stores.settings().setRateLimit(A.id(), Optional.of(new RateLimit(5)));

      assertThatThrownBy(
              () ->
                  stores
                      .transactions()
                      .run(
                          () -> {
                            stores.settings().setRateLimit(A.id(), Optional.empty());
                            throw new IllegalStateException("boom");
                          }))
          .isInstanceOf(IllegalStateException.class);

      assertThat(stores.settings().rateLimit(A.id())).contains(new RateLimit(5));
    }
  }

  @Nested
  class Credentials {
    private final Credential admin =
        new Credential("c1", A.id(), TokenHash.of("token-one"), CredentialRole.ADMIN, T0, false);
    private final Credential issuer =
        new Credential(
            "c2",
            A.id(),
            TokenHash.of("token-two"),
            CredentialRole.ISSUER,
            T0.plusSeconds(1),
            false);

    @Test
    void are_found_by_token_hash_and_listed_per_workspace_oldest_first() {
      stores.credentials().create(admin);
      stores.credentials().create(issuer);
      stores
          .credentials()
          .create(
              new Credential(
                  "c3", B.id(), TokenHash.of("token-three"), CredentialRole.ADMIN, T0, false));

      assertThat(stores.credentials().findByTokenHash(TokenHash.of("token-two"))).contains(issuer);
      assertThat(stores.credentials().findByTokenHash(TokenHash.of("token-none"))).isEmpty();
      assertThat(stores.credentials().listByWorkspace(A.id())).containsExactly(admin, issuer);
    }

    @Test
    void a_taken_hash_or_id_already_exists() {
      stores.credentials().create(admin);

      assertThatThrownBy(
              () ->
                  stores
                      .credentials()
                      .create(
                          new Credential(
                              "c9",
                              A.id(),
                              TokenHash.of("token-one"),
                              CredentialRole.ISSUER,
                              T0,
                              false)))
          .isInstanceOf(AlreadyExistsException.class);
      assertThatThrownBy(
              () ->
                  stores
                      .credentials()
                      .create(
                          new Credential(
                              "c1",
                              A.id(),
                              TokenHash.of("token-x"),
                              CredentialRole.ISSUER,
                              T0,
                              false)))
          .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void revoking_is_scoped_to_the_workspace() {
      stores.credentials().create(admin);

      assertThat(stores.credentials().revoke(B.id(), "c1")).isFalse();
      assertThat(stores.credentials().findByTokenHash(admin.tokenHash()).orElseThrow().revoked())
          .isFalse();
      assertThat(stores.credentials().revoke(A.id(), "c1")).isTrue();
      assertThat(stores.credentials().findByTokenHash(admin.tokenHash()).orElseThrow().revoked())
          .isTrue();
      assertThat(stores.credentials().revoke(A.id(), "nope")).isFalse();
    }
  }

  @Nested
  class Users {
    private final User ann =
        new User(
            "ann",
            UserProfile.builder()
                .name("Ann")
                .email("ann@example.com")
                .admin(true)
                .roles(List.of("Manager", "SYS_CREATOR"))
                .company("ACME")
                .dept("Sales")
                .title("CTO")
                .mobile("+1 555 0100")
                .dob("1990-01-01")
                .description("héllo, 世界")
                .build());

    @Test
    void keep_every_profile_field_and_replace_on_save() {
      stores.users().save(A.id(), ann);
      assertThat(stores.users().find(A.id(), "ann")).contains(ann);

      User renamed = new User("ann", UserProfile.builder().name("Annie").build());
      stores.users().save(A.id(), renamed);
      assertThat(stores.users().find(A.id(), "ann")).contains(renamed);
    }

    @Test
    void are_per_workspace() {
      stores.users().save(A.id(), ann);

      assertThat(stores.users().find(B.id(), "ann")).isEmpty();
      assertThat(stores.users().findAll(B.id(), List.of("ann"))).isEmpty();
      assertThat(stores.users().findAll(A.id(), List.of("ann", "nobody", "ann")))
          .containsExactly(ann);
    }

    private final Attributes every =
        Attributes.of(
            Map.of(
                "region",
                "EU \"west\" ☃ 世界",
                "level",
                Attributes.MAX_INTEGER,
                "floor",
                -Attributes.MAX_INTEGER,
                "ratio",
                0.1,
                "tiny",
                1.0e-7,
                "beta",
                true,
                "off",
                false,
                "teams",
                List.of("red", "", "blue, green"),
                "none",
                List.of(),
                "empty",
                ""));

    @Test
    void keep_attributes_of_every_kind_exactly_and_replace_them_whole() {
      stores.users().save(A.id(), ann);
      stores.users().saveAttributes(A.id(), "ann", every);

      assertThat(stores.users().attributesOf(A.id(), List.of("ann")))
          .containsExactly(Map.entry("ann", every));
      assertThat(stores.users().attributesOf(A.id(), List.of("ann")).get("ann").asMap())
          .containsExactlyEntriesOf(every.asMap());

      Attributes fewer = Attributes.of(Map.of("region", "US"));
      stores.users().saveAttributes(A.id(), "ann", fewer);
      assertThat(stores.users().attributesOf(A.id(), List.of("ann")))
          .containsExactly(Map.entry("ann", fewer));

      stores.users().saveAttributes(A.id(), "ann", Attributes.empty());
      assertThat(stores.users().attributesOf(A.id(), List.of("ann"))).isEmpty();
      assertThat(stores.users().find(A.id(), "ann")).contains(ann);
    }

    @Test
    void attributes_are_per_workspace_and_per_user_and_survive_a_profile_save() {
      stores.users().save(A.id(), ann);
      stores.users().save(B.id(), ann);
      stores.users().save(A.id(), new User("bob", UserProfile.empty()));
      stores.users().saveAttributes(A.id(), "ann", every);

      assertThat(stores.users().attributesOf(B.id(), List.of("ann"))).isEmpty();
      assertThat(stores.users().attributesOf(A.id(), List.of("bob", "nobody"))).isEmpty();

      stores.users().save(A.id(), new User("ann", UserProfile.builder().name("Annie").build()));
      assertThat(stores.users().attributesOf(A.id(), List.of("ann", "bob")))
          .containsOnlyKeys("ann");
    }

    @Test
    void attributes_written_in_a_failing_unit_are_undone() {
      stores.users().save(A.id(), ann);
      stores.users().saveAttributes(A.id(), "ann", every);

      assertThatThrownBy(
              () ->
                  stores
                      .transactions()
                      .run(
                          () -> {
                            stores
                                .users()
                                .saveAttributes(
                                    A.id(), "ann", Attributes.of(Map.of("region", "US")));
                            throw new IllegalStateException("boom");
                          }))
          .hasMessage("boom");

      assertThat(stores.users().attributesOf(A.id(), List.of("ann")))
          .containsExactly(Map.entry("ann", every));
    }
  }

  @Nested
  class Grants {
    private final Organization org = new Organization("org_1");
    private final Folder folder = new Folder("folder_1", "org_1");
    private final Document doc = new Document("doc_1", "org_1");
    private final Document sameIdOtherOrg = new Document("doc_1", "org_2");

    @Test
    void keep_role_and_expiry_and_replace_on_the_same_resource() {
      stores.grants().put(A.id(), "u", Grant.of(doc, AccessRole.VIEWER));
      stores
          .grants()
          .put(
              A.id(),
              "u",
              new Grant(
                  doc, AccessRole.EDITOR, Optional.of(Instant.ofEpochSecond(1_640_995_200L))));
      stores.grants().put(A.id(), "u", Grant.of(sameIdOtherOrg, AccessRole.VIEWER));

      assertThat(stores.grants().grantsOf(A.id(), "u").asList())
          .containsExactlyInAnyOrder(
              new Grant(doc, AccessRole.EDITOR, Optional.of(Instant.ofEpochSecond(1_640_995_200L))),
              Grant.of(sameIdOtherOrg, AccessRole.VIEWER));
    }

    @Test
    void are_per_workspace_and_per_user() {
      stores.grants().put(A.id(), "u", Grant.of(org, AccessRole.VIEWER));

      assertThat(stores.grants().grantsOf(B.id(), "u").size()).isZero();
      assertThat(stores.grants().grantsOf(A.id(), "v").size()).isZero();
      assertThat(stores.grants().remove(B.id(), "u", org)).isFalse();
      assertThat(stores.grants().removeWithin(B.id(), "u", "org_1")).isZero();
      assertThat(stores.grants().grantsOf(A.id(), "u").size()).isEqualTo(1);
    }

    @Test
    void remove_takes_exactly_one_resource_and_remove_within_a_whole_organization() {
      stores.grants().put(A.id(), "u", Grant.of(org, AccessRole.VIEWER));
      stores.grants().put(A.id(), "u", Grant.of(folder, AccessRole.VIEWER));
      stores.grants().put(A.id(), "u", Grant.of(doc, AccessRole.VIEWER));
      stores.grants().put(A.id(), "u", Grant.of(sameIdOtherOrg, AccessRole.VIEWER));

      assertThat(stores.grants().remove(A.id(), "u", folder)).isTrue();
      assertThat(stores.grants().remove(A.id(), "u", folder)).isFalse();
      assertThat(stores.grants().removeWithin(A.id(), "u", "org_1")).isEqualTo(2);
      assertThat(stores.grants().grantsOf(A.id(), "u").asList())
          .containsExactly(Grant.of(sameIdOtherOrg, AccessRole.VIEWER));
    }

    @Test
    void members_of_a_scope_page_in_user_id_order() {
      for (String user : List.of("carol", "alice", "bob", "dave")) {
        stores.grants().put(A.id(), user, Grant.of(doc, AccessRole.VIEWER));
      }
      stores.grants().put(A.id(), "erin", Grant.of(org, AccessRole.EDITOR));
      stores.grants().put(B.id(), "aaron", Grant.of(doc, AccessRole.VIEWER));

      assertThat(stores.grants().members(A.id(), doc, Optional.empty(), 2))
          .extracting(Member::userId)
          .containsExactly("alice", "bob");
      assertThat(stores.grants().members(A.id(), doc, Optional.of("bob"), 10))
          .extracting(Member::userId, m -> m.grant().role())
          .containsExactly(tuple("carol", AccessRole.VIEWER), tuple("dave", AccessRole.VIEWER));
      assertThat(stores.grants().members(A.id(), org, Optional.empty(), 10))
          .extracting(Member::userId)
          .containsExactly("erin");
    }

    private final Document reports = new Document("report_*", "org_1");
    private final Folder everyFolder = new Folder("*", "org_1");

    @Test
    void prefix_grants_round_trip_as_resources_of_their_own() {
      Grant onReports =
          new Grant(reports, AccessRole.VIEWER, Optional.of(Instant.ofEpochSecond(1_640_995_200L)));
      stores.grants().put(A.id(), "u", onReports);
      stores.grants().put(A.id(), "u", Grant.of(everyFolder, AccessRole.EDITOR));
      stores
          .grants()
          .put(A.id(), "u", Grant.of(new Document("report_", "org_1"), AccessRole.EDITOR));
      stores
          .grants()
          .put(A.id(), "u", Grant.of(new Document("report_*", "org_2"), AccessRole.EDITOR));

      GrantSet stored = stores.grants().grantsOf(A.id(), "u");

      assertThat(stored.asList())
          .containsExactlyInAnyOrder(
              onReports,
              Grant.of(everyFolder, AccessRole.EDITOR),
              Grant.of(new Document("report_", "org_1"), AccessRole.EDITOR),
              Grant.of(new Document("report_*", "org_2"), AccessRole.EDITOR));
      assertThat(stored.prefixesCovering(new Document("report_9", "org_1")))
          .containsExactly(onReports);
    }

    @Test
    void a_prefix_grant_is_replaced_and_removed_by_its_pattern_not_by_what_it_covers() {
      stores.grants().put(A.id(), "u", Grant.of(reports, AccessRole.VIEWER));
      stores.grants().put(A.id(), "u", Grant.of(reports, AccessRole.EDITOR));

      assertThat(stores.grants().remove(A.id(), "u", new Document("report_1", "org_1"))).isFalse();
      assertThat(stores.grants().grantsOf(A.id(), "u").asList())
          .containsExactly(Grant.of(reports, AccessRole.EDITOR));
      assertThat(stores.grants().members(A.id(), reports, Optional.empty(), 10))
          .extracting(Member::userId)
          .containsExactly("u");
      assertThat(
              stores
                  .grants()
                  .members(A.id(), new Document("report_1", "org_1"), Optional.empty(), 10))
          .isEmpty();
      assertThat(stores.grants().remove(A.id(), "u", reports)).isTrue();
      assertThat(stores.grants().grantsOf(A.id(), "u").size()).isZero();
    }

    @Test
    void a_prefix_grant_of_one_workspace_is_not_seen_from_another() {
      stores.grants().put(A.id(), "u", Grant.of(reports, AccessRole.EDITOR));

      assertThat(stores.grants().grantsOf(B.id(), "u").size()).isZero();
      assertThat(stores.grants().members(B.id(), reports, Optional.empty(), 10)).isEmpty();
      assertThat(stores.grants().remove(B.id(), "u", reports)).isFalse();
      assertThat(stores.grants().grantsOf(A.id(), "u").asList())
          .containsExactly(Grant.of(reports, AccessRole.EDITOR));
    }
  }

  @Nested
  class UserRecordsReadTogether {
    private final User ann =
        new User(
            "ann",
            UserProfile.builder()
                .name("Ann")
                .email("ann@example.com")
                .admin(true)
                .roles(List.of("Manager", "SYS_CREATOR"))
                .description("héllo, 世界")
                .build());
    private final Attributes attributes =
        Attributes.of(
            Map.of(
                "region",
                "EU ☃",
                "level",
                Attributes.MAX_INTEGER,
                "ratio",
                0.1,
                "beta",
                true,
                "teams",
                List.of("red", "", "blue, green"),
                "none",
                List.of(),
                "Zed",
                "upper case sorts first"));
    private final List<Grant> grants =
        List.of(
            Grant.of(new Organization("org_2"), AccessRole.VIEWER),
            new Grant(
                new Document("doc_1", "org_1"),
                AccessRole.EDITOR,
                Optional.of(Instant.ofEpochSecond(1_640_995_200L))), // long expired
            Grant.of(new Document("report_*", "org_1"), AccessRole.VIEWER),
            Grant.of(new Folder("folder_1", "org_1"), AccessRole.EDITOR),
            Grant.of(new Document("doc_1", "org_2"), AccessRole.VIEWER),
            Grant.of(new Organization("org_1"), AccessRole.EDITOR));

    @Test
    void are_what_the_directory_and_the_grant_store_return_each() {
      stores.users().save(A.id(), ann);
      stores.users().saveAttributes(A.id(), "ann", attributes);
      grants.forEach(grant -> stores.grants().put(A.id(), "ann", grant));
      // another user's and another workspace's records stay out
      stores.users().save(A.id(), new User("bob", UserProfile.empty()));
      stores.users().saveAttributes(A.id(), "bob", Attributes.of(Map.of("region", "US")));
      stores.grants().put(A.id(), "bob", Grant.of(new Organization("org_9"), AccessRole.VIEWER));
      stores.users().save(B.id(), new User("ann", UserProfile.empty()));
      stores.grants().put(B.id(), "ann", Grant.of(new Organization("org_9"), AccessRole.VIEWER));

      var read = stores.userRecords().read(A.id(), "ann");

      assertThat(read.user()).contains(ann).isEqualTo(stores.users().find(A.id(), "ann"));
      assertThat(read.attributes())
          .isEqualTo(attributes)
          .isEqualTo(stores.users().attributesOf(A.id(), List.of("ann")).get("ann"));
      assertThat(read.attributes().asMap()).containsExactlyEntriesOf(attributes.asMap());
      GrantSet alone = stores.grants().grantsOf(A.id(), "ann");
      assertThat(read.grants().asList())
          .containsExactlyInAnyOrderElementsOf(grants)
          .containsExactlyElementsOf(alone.asList()); // in the same order, too
      assertThat(read.grants()).isEqualTo(alone);
      assertThat(read.grants().prefixesCovering(new Document("report_9", "org_1")))
          .containsExactly(Grant.of(new Document("report_*", "org_1"), AccessRole.VIEWER));
    }

    @Test
    void of_a_user_with_nothing_stored_are_empty_and_each_part_stands_alone() {
      var nothing = stores.userRecords().read(A.id(), "nobody");
      assertThat(nothing.user()).isEmpty();
      assertThat(nothing.attributes()).isEqualTo(Attributes.empty());
      assertThat(nothing.grants().size()).isZero();

      // grants need no saved profile
      stores.grants().put(A.id(), "grants-only", grants.get(0));
      var grantsOnly = stores.userRecords().read(A.id(), "grants-only");
      assertThat(grantsOnly.user()).isEmpty();
      assertThat(grantsOnly.attributes()).isEqualTo(Attributes.empty());
      assertThat(grantsOnly.grants().asList()).containsExactly(grants.get(0));

      stores.users().save(A.id(), ann);
      var profileOnly = stores.userRecords().read(A.id(), "ann");
      assertThat(profileOnly.user()).contains(ann);
      assertThat(profileOnly.attributes()).isEqualTo(Attributes.empty());
      assertThat(profileOnly.grants().size()).isZero();

      stores.users().saveAttributes(A.id(), "ann", attributes);
      var withAttributes = stores.userRecords().read(A.id(), "ann");
      assertThat(withAttributes.user()).contains(ann);
      assertThat(withAttributes.attributes()).isEqualTo(attributes);
      assertThat(withAttributes.grants().size()).isZero();
    }
  }

  @Nested
  class Keys {
    private SigningKey key(String kid, Instant createdAt) {
      return new SigningKey(
          kid,
          SigningAlgorithm.ES256,
          KeyStatus.ACTIVE,
          createdAt,
          "{\"kid\":\"" + kid + "\"}",
          "sealed-" + kid);
    }

    @Test
    void activating_a_key_retires_the_previous_one_and_lists_newest_first() {
      stores.keyRing().activate(A.id(), key("k1", T0));
      stores.keyRing().activate(A.id(), key("k2", T0.plusSeconds(60)));

      assertThat(stores.keyRing().activeKey(A.id()).orElseThrow().kid()).isEqualTo("k2");
      assertThat(stores.keyRing().keys(A.id()))
          .extracting(SigningKey::kid, SigningKey::status)
          .containsExactly(tuple("k2", KeyStatus.ACTIVE), tuple("k1", KeyStatus.RETIRING));
      assertThat(stores.keyRing().keys(A.id()).get(1).privateJwk()).isEqualTo("sealed-k1");
      assertThat(stores.keyRing().keys(A.id()).get(0).publicJwk()).isEqualTo("{\"kid\":\"k2\"}");
    }

    @Test
    void rings_are_per_workspace() {
      stores.keyRing().activate(A.id(), key("k1", T0));

      assertThat(stores.keyRing().activeKey(B.id())).isEmpty();
      assertThat(stores.keyRing().keys(B.id())).isEmpty();
    }
  }

  @Nested
  class Audit {
    private final MintRecord minted =
        new MintRecord(T0, A.id(), "c1", "u1", "jti-1", 2, "velt", Optional.of("req-1"));
    private final MintRecord mintedWithoutJti =
        new MintRecord(T0.plusSeconds(1), A.id(), "c1", "u2", "", 0, "datafor", Optional.empty());
    private final AuditEvent added =
        AuditEvent.of(T0.plusMillis(500), A.id(), "c1", AuditKind.USER_ADDED)
            .onUser("u1")
            .withDetail("organization 'o1' as editor")
            .withRequestId(Optional.of("req-2"));
    private final AuditEvent rotated =
        AuditEvent.of(T0.plusSeconds(2), A.id(), AuditEvent.SCHEDULER, AuditKind.KEY_ROTATED)
            .onTarget("kid-2");

    private void recordEvents(AuditEvent... events) {
      try (AuditLog.Reservation room = stores.audit().reserve(events.length)) {
        for (AuditEvent event : events) {
          room.record(event);
        }
      }
    }

    private List<AuditEvent> read(String workspaceId, AuditFilter filter, int limit) {
      return stores.audit().read(workspaceId, filter, Optional.empty(), limit).events();
    }

    /** Every event of the workspace that matches, read {@code size} at a time. */
    private List<AuditEvent> readAll(String workspaceId, AuditFilter filter, int size) {
      List<AuditEvent> all = new ArrayList<>();
      Optional<String> after = Optional.empty();
      do {
        AuditLog.Slice slice = stores.audit().read(workspaceId, filter, after, size);
        assertThat(slice.events().size()).isLessThanOrEqualTo(size);
        all.addAll(slice.events());
        after = slice.next();
      } while (after.isPresent());
      return all;
    }

    private AuditFilter filter(
        Optional<AuditKind> kind, Optional<String> userId, Optional<String> jti) {
      return new AuditFilter(kind, userId, jti, Optional.empty(), Optional.empty());
    }

    @Test
    void minted_tokens_and_events_come_back_newest_first_per_workspace_with_every_part() {
      stores.audit().record(minted);
      recordEvents(added);
      stores.audit().record(mintedWithoutJti);
      recordEvents(rotated);
      stores
          .audit()
          .record(new MintRecord(T0, B.id(), "c9", "u9", "jti-9", 0, "velt", Optional.empty()));
      recordEvents(
          AuditEvent.of(T0, B.id(), AuditEvent.CLI, AuditKind.CREDENTIAL_REVOKED).onTarget("c9"));

      assertThat(read(A.id(), AuditFilter.ALL, 10))
          .containsExactly(rotated, mintedWithoutJti.toEvent(), added, minted.toEvent());
      assertThat(read(A.id(), AuditFilter.ALL, 1)).containsExactly(rotated);
      assertThat(read(B.id(), AuditFilter.ALL, 10))
          .extracting(AuditEvent::kind)
          .containsExactly(AuditKind.CREDENTIAL_REVOKED, AuditKind.TOKEN_MINTED);
    }

    @Test
    void a_minted_token_reads_as_an_event_about_its_jti_or_else_its_user() {
      assertThat(minted.toEvent())
          .isEqualTo(
              AuditEvent.of(T0, A.id(), "c1", AuditKind.TOKEN_MINTED)
                  .onToken("jti-1")
                  .withUser("u1")
                  .withDetail("velt token, 2 grants")
                  .withRequestId(Optional.of("req-1")));
      assertThat(mintedWithoutJti.toEvent())
          .isEqualTo(
              AuditEvent.of(T0.plusSeconds(1), A.id(), "c1", AuditKind.TOKEN_MINTED)
                  .onUser("u2")
                  .withDetail("datafor token, 0 grants"));
    }

    @Test
    void a_listing_continues_after_the_slice_it_stopped_at_and_the_last_slice_says_so() {
      for (int i = 0; i < 5; i++) {
        recordEvents(
            AuditEvent.of(T0.plusSeconds(i), A.id(), "c1", AuditKind.USER_DELETED).onUser("u" + i));
      }

      AuditLog.Slice first = stores.audit().read(A.id(), AuditFilter.ALL, Optional.empty(), 2);
      AuditLog.Slice second = stores.audit().read(A.id(), AuditFilter.ALL, first.next(), 2);
      AuditLog.Slice last = stores.audit().read(A.id(), AuditFilter.ALL, second.next(), 2);
      AuditLog.Slice exactly = stores.audit().read(A.id(), AuditFilter.ALL, Optional.empty(), 5);

      assertThat(first.events())
          .extracting(e -> e.target().orElseThrow())
          .containsExactly("u4", "u3");
      assertThat(second.events())
          .extracting(e -> e.target().orElseThrow())
          .containsExactly("u2", "u1");
      assertThat(last.events()).extracting(e -> e.target().orElseThrow()).containsExactly("u0");
      assertThat(last.next()).isEmpty();
      assertThat(exactly.next()).as("no next slice when nothing more matches").isEmpty();
    }

    @Test
    void minted_tokens_and_events_interleaved_page_without_a_gap_or_a_repeat_at_any_size() {
      List<AuditEvent> newestFirst = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        MintRecord mint =
            new MintRecord(
                T0.plusSeconds(2L * i),
                A.id(),
                "c1",
                "u" + i,
                "jti-" + i,
                1,
                "velt",
                Optional.empty());
        stores.audit().record(mint);
        AuditEvent event =
            AuditEvent.of(T0.plusSeconds(2L * i + 1), A.id(), "c1", AuditKind.TOKEN_REVOKED)
                .onToken("jti-" + i);
        recordEvents(event);
        newestFirst.add(0, mint.toEvent());
        newestFirst.add(0, event);
      }

      for (int size = 1; size <= 15; size++) {
        assertThat(readAll(A.id(), AuditFilter.ALL, size))
            .as("read %s at a time", size)
            .isEqualTo(newestFirst);
      }
      assertThat(
              readAll(A.id(), filter(Optional.empty(), Optional.empty(), Optional.of("jti-3")), 1))
          .containsExactly(newestFirst.get(6), newestFirst.get(7));
    }

    @Test
    void a_position_the_log_never_made_is_refused() {
      assertThatThrownBy(
              () -> stores.audit().read(A.id(), AuditFilter.ALL, Optional.of("not a position"), 10))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kind_user_and_jti_each_narrow_the_events() {
      stores.audit().record(minted);
      recordEvents(added, rotated);
      AuditEvent revoked =
          AuditEvent.of(T0.plusSeconds(3), A.id(), "c1", AuditKind.TOKEN_REVOKED).onToken("jti-1");
      recordEvents(revoked);

      assertThat(
              read(
                  A.id(),
                  filter(Optional.of(AuditKind.KEY_ROTATED), Optional.empty(), Optional.empty()),
                  10))
          .containsExactly(rotated);
      assertThat(
              read(
                  A.id(),
                  filter(Optional.of(AuditKind.TOKEN_MINTED), Optional.empty(), Optional.empty()),
                  10))
          .containsExactly(minted.toEvent());
      assertThat(read(A.id(), filter(Optional.empty(), Optional.of("u1"), Optional.empty()), 10))
          .containsExactly(added, minted.toEvent());
      assertThat(read(A.id(), filter(Optional.empty(), Optional.empty(), Optional.of("jti-1")), 10))
          .containsExactly(revoked, minted.toEvent());
      assertThat(
              read(
                  A.id(),
                  filter(
                      Optional.of(AuditKind.USER_ADDED), Optional.of("u1"), Optional.of("jti-1")),
                  10))
          .isEmpty();
      assertThat(read(B.id(), filter(Optional.empty(), Optional.of("u1"), Optional.empty()), 10))
          .isEmpty();
    }

    @Test
    void since_is_included_and_until_excluded_to_the_millisecond() {
      stores.audit().record(minted); // T0
      recordEvents(added); // T0 + 0.5 s
      recordEvents(rotated); // T0 + 2 s

      AuditFilter fromAdded =
          new AuditFilter(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(added.at()),
              Optional.empty());
      AuditFilter untilAdded =
          new AuditFilter(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(added.at()));
      AuditFilter justAdded =
          new AuditFilter(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(added.at()),
              Optional.of(added.at().plusMillis(1)));

      assertThat(read(A.id(), fromAdded, 10)).containsExactly(rotated, added);
      assertThat(read(A.id(), untilAdded, 10)).containsExactly(minted.toEvent());
      assertThat(read(A.id(), justAdded, 10)).containsExactly(added);
    }

    @Test
    void a_reservation_takes_no_more_events_than_it_reserved_nor_any_after_close() {
      AuditLog.Reservation room = stores.audit().reserve(1);
      room.record(added);

      assertThatThrownBy(() -> room.record(rotated)).isInstanceOf(IllegalStateException.class);
      room.close();
      AuditLog.Reservation closed = stores.audit().reserve(1);
      closed.close();
      assertThatThrownBy(() -> closed.record(rotated)).isInstanceOf(IllegalStateException.class);
      assertThat(read(A.id(), AuditFilter.ALL, 10)).containsExactly(added);
    }
  }

  @Nested
  class Revocations {
    @Test
    void a_revocation_holds_until_it_lapses_keeps_the_later_time_and_is_then_forgotten() {
      stores.revocations().revoke(A.id(), "jti-1", T0.plusSeconds(100));
      stores.revocations().revoke(A.id(), "jti-1", T0.plusSeconds(50));
      stores.revocations().revoke(A.id(), "jti-2", T0.plusSeconds(10));

      assertThat(stores.revocations().isRevoked(A.id(), "jti-1", T0.plusSeconds(99))).isTrue();
      assertThat(stores.revocations().isRevoked(A.id(), "jti-1", T0.plusSeconds(100))).isFalse();
      assertThat(stores.revocations().isRevoked(B.id(), "jti-1", T0)).isFalse();
      assertThat(stores.revocations().isRevoked(A.id(), "jti-3", T0)).isFalse();
      assertThat(stores.revocations().forgetExpired(T0.plusSeconds(10))).isEqualTo(1);
      assertThat(stores.revocations().forgetExpired(T0.plusSeconds(100))).isEqualTo(1);
      assertThat(stores.revocations().forgetExpired(T0.plusSeconds(1000))).isZero();
    }
  }

  @Nested
  class UnitsOfWork {
    @Test
    void a_failing_unit_leaves_no_write_behind() {
      assertThatThrownBy(
              () ->
                  stores
                      .transactions()
                      .run(
                          () -> {
                            stores.users().save(A.id(), new User("half", UserProfile.empty()));
                            stores
                                .grants()
                                .put(
                                    A.id(),
                                    "half",
                                    Grant.of(new Organization("o"), AccessRole.EDITOR));
                            throw new IllegalStateException("boom");
                          }))
          .hasMessage("boom");

      assertThat(stores.users().find(A.id(), "half")).isEmpty();
      assertThat(stores.grants().grantsOf(A.id(), "half").size()).isZero();
    }

    @Test
    void a_successful_unit_lands_whole_and_nested_units_join_it() {
      String result =
          stores
              .transactions()
              .inTransaction(
                  () -> {
                    stores.users().save(A.id(), new User("whole", UserProfile.empty()));
                    stores
                        .transactions()
                        .run(
                            () ->
                                stores
                                    .grants()
                                    .put(
                                        A.id(),
                                        "whole",
                                        Grant.of(new Organization("o"), AccessRole.EDITOR)));
                    return "done";
                  });

      assertThat(result).isEqualTo("done");
      assertThat(stores.users().find(A.id(), "whole")).isPresent();
      assertThat(stores.grants().grantsOf(A.id(), "whole").size()).isEqualTo(1);
    }

    @Test
    void a_failing_inner_unit_undoes_the_whole_outer_unit() {
      assertThatThrownBy(
              () ->
                  stores
                      .transactions()
                      .run(
                          () -> {
                            stores.users().save(A.id(), new User("outer", UserProfile.empty()));
                            stores
                                .transactions()
                                .run(
                                    () -> {
                                      throw new IllegalStateException("inner");
                                    });
                          }))
          .hasMessage("inner");

      assertThat(stores.users().find(A.id(), "outer")).isEmpty();
    }
  }
}
