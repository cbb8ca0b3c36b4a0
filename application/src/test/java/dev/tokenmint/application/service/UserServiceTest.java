package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.application.port.in.ManageUsers.MemberView;
import dev.tokenmint.application.port.in.ManageUsers.Membership;
import dev.tokenmint.application.port.in.ManageUsers.MembershipCommand;
import dev.tokenmint.application.port.in.ManageUsers.UserOutcome;
import dev.tokenmint.application.port.in.ManageUsers.UsersPage;
import dev.tokenmint.application.port.in.ManageUsers.UsersQuery;
import dev.tokenmint.application.port.in.TokenLimits;
import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.PermissionDeniedException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.AttributesUpdate;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UserServiceTest {

  private static final Organization ORG = new Organization("org_123");
  private static final Document DOC = new Document("doc_456", "org_123");

  private final TestApplication app = TestApplication.standard();
  private final Caller admin = new Caller(app.defaultWorkspace, "admin", CredentialRole.ADMIN);
  private final String ws = app.defaultWorkspace.id();

  private static Membership member(String userId, String name, AccessRole role) {
    return new Membership(
        new User(userId, UserProfile.builder().name(name).build()), Optional.ofNullable(role));
  }

  private Map<String, UserOutcome> add(Resource scope, Membership... members) {
    return app.userService.add(admin, new MembershipCommand(scope, List.of(members)));
  }

  @Test
  void add_stores_the_profile_and_a_grant_at_exactly_the_scope() {
    Map<String, UserOutcome> outcomes =
        add(DOC, member("u1", "Ann", AccessRole.VIEWER), member("u2", "Bob", null));

    assertThat(outcomes.get("u1")).isEqualTo(UserOutcome.succeeded("u1", "added"));
    assertThat(outcomes.get("u2").success()).isTrue();
    assertThat(app.grants.grantsOf(ws, "u1").asList())
        .containsExactly(Grant.of(DOC, AccessRole.VIEWER));
    assertThat(app.grants.grantsOf(ws, "u2").asList())
        .containsExactly(Grant.of(DOC, AccessRole.EDITOR));
    assertThat(app.users.find(ws, "u1").orElseThrow().profile().name()).contains("Ann");
  }

  @Test
  void adding_an_existing_member_fails_for_that_user_only() {
    add(ORG, member("u1", "Ann", AccessRole.VIEWER));

    Map<String, UserOutcome> outcomes =
        add(ORG, member("u1", "Ann", AccessRole.EDITOR), member("u2", "Bob", null));

    assertThat(outcomes.get("u1").success()).isFalse();
    assertThat(outcomes.get("u1").message().orElseThrow()).contains("already a member");
    assertThat(outcomes.get("u2").success()).isTrue();
    assertThat(app.grants.grantsOf(ws, "u1").on(ORG).orElseThrow().role())
        .isEqualTo(AccessRole.VIEWER);
  }

  @Test
  void a_user_repeated_in_one_request_is_ambiguous_and_none_of_its_entries_applies() {
    Map<String, UserOutcome> outcomes =
        add(
            ORG,
            member("u1", "Ann", null),
            member("u2", "Bob", null),
            member("u1", "Annie", AccessRole.VIEWER));

    assertThat(outcomes).containsOnlyKeys("u1", "u2");
    assertThat(outcomes.get("u1").success()).isFalse();
    assertThat(outcomes.get("u1").message().orElseThrow()).contains("more than once");
    assertThat(outcomes.get("u2").success()).isTrue();
    assertThat(app.grants.grantsOf(ws, "u1").size()).isZero();
    assertThat(app.users.find(ws, "u1")).isEmpty();
  }

  @Test
  void a_page_token_of_one_scope_does_not_continue_another() {
    IntStream.range(0, 3).forEach(i -> add(ORG, member("user" + i, "N" + i, null)));
    add(DOC, member("user0", "N0", null));
    UsersPage first =
        app.userService.get(admin, new UsersQuery(ORG, Optional.empty(), 1, Optional.empty()));

    assertThatThrownBy(
            () ->
                app.userService.get(
                    admin, new UsersQuery(DOC, Optional.empty(), 1, first.nextPageToken())))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("pageToken"));
  }

  @Test
  void a_user_over_the_stored_grant_limit_fails_alone_and_stores_nothing() {
    TestApplication small = TestApplication.withLimits(new TokenLimits(1, 128 * 1024, 8 * 1024));
    Caller smallAdmin = new Caller(small.defaultWorkspace, "a", CredentialRole.ADMIN);
    small.grants.put(
        small.defaultWorkspace.id(), "u1", Grant.of(new Organization("other"), AccessRole.VIEWER));

    Map<String, UserOutcome> outcomes =
        small.userService.add(
            smallAdmin, new MembershipCommand(ORG, List.of(member("u1", "New name", null))));

    assertThat(outcomes.get("u1").success()).isFalse();
    assertThat(small.users.find(small.defaultWorkspace.id(), "u1")).isEmpty();
  }

  @Test
  void update_changes_profile_and_role_of_members_and_refuses_non_members() {
    add(DOC, member("u1", "Ann", AccessRole.VIEWER));

    Map<String, UserOutcome> outcomes =
        app.userService.update(
            admin,
            new MembershipCommand(
                DOC, List.of(member("u1", "Annie", AccessRole.EDITOR), member("u9", "X", null))));

    assertThat(outcomes.get("u1")).isEqualTo(UserOutcome.succeeded("u1", "updated"));
    assertThat(outcomes.get("u9").message().orElseThrow()).contains("not a member");
    assertThat(app.grants.grantsOf(ws, "u1").on(DOC).orElseThrow().role())
        .isEqualTo(AccessRole.EDITOR);
    assertThat(app.users.find(ws, "u1").orElseThrow().profile().name()).contains("Annie");
    assertThat(app.users.find(ws, "u9")).isEmpty();
  }

  @Test
  void update_without_a_role_keeps_the_role() {
    add(ORG, member("u1", "Ann", AccessRole.VIEWER));

    app.userService.update(admin, new MembershipCommand(ORG, List.of(member("u1", "Annie", null))));

    assertThat(app.grants.grantsOf(ws, "u1").on(ORG).orElseThrow().role())
        .isEqualTo(AccessRole.VIEWER);
  }

  @Test
  void get_pages_members_in_user_id_order_and_the_token_continues() {
    IntStream.range(0, 5).forEach(i -> add(ORG, member("user" + i, "N" + i, null)));
    add(DOC, member("doc-only", "D", null));

    UsersPage first =
        app.userService.get(admin, new UsersQuery(ORG, Optional.empty(), 2, Optional.empty()));
    UsersPage second =
        app.userService.get(admin, new UsersQuery(ORG, Optional.empty(), 2, first.nextPageToken()));
    UsersPage last =
        app.userService.get(
            admin, new UsersQuery(ORG, Optional.empty(), 2, second.nextPageToken()));

    assertThat(first.members())
        .extracting(m -> m.user().userId())
        .containsExactly("user0", "user1");
    assertThat(second.members())
        .extracting(m -> m.user().userId())
        .containsExactly("user2", "user3");
    assertThat(last.members()).extracting(m -> m.user().userId()).containsExactly("user4");
    assertThat(last.nextPageToken()).isEmpty();
    assertThat(first.members().get(0).user().profile().name()).contains("N0");
  }

  @Test
  void get_by_user_ids_answers_members_among_them_only() {
    add(ORG, member("u1", "Ann", null), member("u2", "Bob", null));

    UsersPage page =
        app.userService.get(
            admin,
            new UsersQuery(ORG, Optional.of(List.of("u2", "nobody")), 1000, Optional.empty()));

    assertThat(page.members())
        .extracting(MemberView::grant)
        .containsExactly(Grant.of(ORG, AccessRole.EDITOR));
    assertThat(page.members().get(0).user().userId()).isEqualTo("u2");
  }

  @Test
  void get_refuses_bad_paging_arguments_with_their_field() {
    assertThatThrownBy(
            () ->
                app.userService.get(
                    admin, new UsersQuery(ORG, Optional.empty(), 0, Optional.empty())))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("pageSize"));
    assertThatThrownBy(
            () ->
                app.userService.get(
                    admin, new UsersQuery(ORG, Optional.empty(), 10, Optional.of("not-a-token!"))))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("pageToken"));
    List<String> many = IntStream.range(0, 31).mapToObj(i -> "u" + i).toList();
    assertThatThrownBy(
            () ->
                app.userService.get(
                    admin, new UsersQuery(ORG, Optional.of(many), 10, Optional.empty())))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("userIds"));
  }

  @Test
  void delete_from_an_organization_removes_every_grant_inside_it_but_not_elsewhere() {
    add(ORG, member("u1", "Ann", null));
    add(DOC, member("u1", "Ann", null));
    add(new Folder("f1", "org_123"), member("u1", "Ann", null));
    add(new Organization("org_other"), member("u1", "Ann", null));

    Map<String, UserOutcome> outcomes = app.userService.delete(admin, ORG, List.of("u1", "u2"));

    assertThat(outcomes.get("u1").success()).isTrue();
    assertThat(outcomes.get("u2").success()).isFalse();
    assertThat(app.grants.grantsOf(ws, "u1").asList())
        .extracting(g -> g.resource().id())
        .containsExactly("org_other");
    assertThat(app.users.find(ws, "u1")).isPresent();
  }

  @Test
  void delete_from_a_document_removes_that_grant_only() {
    add(ORG, member("u1", "Ann", null));
    add(DOC, member("u1", "Ann", null));

    app.userService.delete(admin, DOC, List.of("u1"));

    assertThat(app.grants.grantsOf(ws, "u1").asList())
        .extracting(Grant::resource)
        .containsExactly(ORG);
  }

  @Test
  void issuers_may_not_manage_users() {
    Caller issuer = new Caller(app.defaultWorkspace, "i", CredentialRole.ISSUER);

    assertThatThrownBy(() -> app.userService.add(issuer, new MembershipCommand(ORG, List.of())))
        .isInstanceOf(PermissionDeniedException.class);
  }

  private static Membership withAttributes(String userId, Map<String, Object> attributes) {
    return new Membership(
        new User(userId, UserProfile.empty()),
        Optional.empty(),
        AttributesUpdate.fromWire(attributes));
  }

  private Attributes storedAttributes(String userId) {
    return app.users.attributesOf(ws, List.of(userId)).getOrDefault(userId, Attributes.empty());
  }

  @Test
  void add_stores_attributes_and_update_changes_them_per_name() {
    add(ORG, withAttributes("u1", Map.of("region", "EU", "tenant", "acme")));
    Map<String, Object> change = new java.util.HashMap<>();
    change.put("region", "US");
    change.put("tenant", null);
    change.put("level", 3);

    Map<String, UserOutcome> outcomes =
        app.userService.update(
            admin, new MembershipCommand(ORG, List.of(withAttributes("u1", change))));

    assertThat(outcomes.get("u1").success()).isTrue();
    assertThat(storedAttributes("u1")).isEqualTo(Attributes.of(Map.of("region", "US", "level", 3)));
    UsersPage page =
        app.userService.get(admin, new UsersQuery(ORG, Optional.empty(), 10, Optional.empty()));
    assertThat(page.members())
        .extracting(MemberView::attributes)
        .containsExactly(storedAttributes("u1"));
  }

  @Test
  void an_update_without_attributes_keeps_them() {
    add(ORG, withAttributes("u1", Map.of("region", "EU")));

    app.userService.update(
        admin, new MembershipCommand(ORG, List.of(member("u1", "Ann", AccessRole.VIEWER))));

    assertThat(storedAttributes("u1")).isEqualTo(Attributes.of(Map.of("region", "EU")));
  }

  @Test
  void attributes_over_the_limit_fail_that_user_and_store_nothing_of_it() {
    Map<String, Object> thirty = new java.util.HashMap<>();
    Map<String, Object> thirtyMore = new java.util.HashMap<>();
    for (int i = 0; i < 30; i++) {
      thirty.put("a" + i, i);
      thirtyMore.put("b" + i, i);
    }
    add(ORG, withAttributes("u1", thirty));

    Map<String, UserOutcome> outcomes =
        app.userService.update(
            admin,
            new MembershipCommand(
                ORG,
                List.of(
                    new Membership(
                        new User("u1", UserProfile.builder().name("Renamed").build()),
                        Optional.of(AccessRole.VIEWER),
                        AttributesUpdate.fromWire(thirtyMore)),
                    member("u2", "Bob", null))));

    assertThat(outcomes.get("u1").success()).isFalse();
    assertThat(outcomes.get("u1").message().orElseThrow())
        .startsWith("attributes: must hold at most 50 names, got 60");
    assertThat(storedAttributes("u1")).isEqualTo(Attributes.of(thirty));
    assertThat(app.users.find(ws, "u1").orElseThrow().profile().name()).isEmpty();
    assertThat(app.grants.grantsOf(ws, "u1").on(ORG).orElseThrow().role())
        .isEqualTo(AccessRole.EDITOR);
  }

  @Test
  void a_prefix_scope_makes_a_prefix_membership() {
    Document reports = new Document("report_*", "org_123");

    add(reports, member("u1", "Ann", AccessRole.VIEWER));

    assertThat(app.grants.grantsOf(ws, "u1").asList())
        .containsExactly(Grant.of(reports, AccessRole.VIEWER));
    UsersPage members =
        app.userService.get(admin, new UsersQuery(reports, Optional.empty(), 10, Optional.empty()));
    assertThat(members.members()).extracting(m -> m.user().userId()).containsExactly("u1");
    UsersPage ofOneReport =
        app.userService.get(
            admin,
            new UsersQuery(
                new Document("report_1", "org_123"), Optional.empty(), 10, Optional.empty()));
    assertThat(ofOneReport.members()).isEmpty();
  }
}
