package dev.tokenmint.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tokenmint.application.contract.StoreContract;
import dev.tokenmint.application.contract.Stores;
import dev.tokenmint.application.port.out.AuditLog.MintRecord;
import dev.tokenmint.application.port.out.GrantStore.Member;
import dev.tokenmint.domain.audit.AuditFilter;
import dev.tokenmint.domain.failure.AlreadyExistsException;
import dev.tokenmint.domain.failure.NotFoundException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.key.KeyStatus;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Credential;
import dev.tokenmint.domain.workspace.CredentialRole;
import dev.tokenmint.domain.workspace.RateLimit;
import dev.tokenmint.domain.workspace.TokenHash;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract plus what only a database can get wrong: column widths, collation, aborted
 * transactions, instances racing on one database. One subclass per database.
 */
abstract class JdbcStoreContract extends StoreContract {

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** A database on this test's storage: a fresh one on the first call, the same one after. */
  protected abstract JdbcDatabase openDatabase();

  /** Closes {@code resource} after the test, before the resources registered earlier. */
  protected final <T extends AutoCloseable> T closeAfterTest(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  protected final Stores newStores() {
    JdbcDatabase database = closeAfterTest(openDatabase());
    return new Stores(
        database.workspaces(),
        database.settings(),
        database.credentials(),
        database.keyRing(),
        database.users(),
        database.grants(),
        database.userRecords(),
        database.audit(),
        database.revocations(),
        database.transactions());
  }

  @AfterEach
  void closeResources() throws Exception {
    while (!resources.isEmpty()) {
      resources.pop().close();
    }
  }

  @Test
  void an_existing_key_caught_inside_a_unit_leaves_the_unit_usable() {
    stores
        .transactions()
        .run(
            () -> {
              assertThatThrownBy(() -> stores.workspaces().create(A))
                  .isInstanceOf(AlreadyExistsException.class)
                  .hasMessage("a workspace with this id, API key or default flag exists");
              stores.users().save(A.id(), new User("after", UserProfile.empty()));
            });

    assertThat(stores.users().find(A.id(), "after")).isPresent();
  }

  @Test
  void the_longest_values_the_domain_allows_fit() {
    String userId = "u".repeat(256);
    String longest = "é".repeat(1024); // the limit in UTF-16 units and in code points
    String text = "é".repeat(1022) + "😀"; // 1 024 UTF-16 units, a surrogate pair at the end
    String domain = String.join(".", "b".repeat(63), "c".repeat(63), "d".repeat(57), "com");
    String email = "a".repeat(64) + "@" + domain;
    List<String> roles =
        IntStream.range(0, 100)
            .mapToObj(i -> String.format("%03d", i).repeat(43).substring(0, 128))
            .toList();
    User user =
        new User(
            userId,
            UserProfile.builder()
                .name(longest)
                .email(email)
                .roles(roles)
                .company(text)
                .dept(text)
                .title(text)
                .mobile(text)
                .dob(text)
                .description(text)
                .build());
    Document document = new Document("d".repeat(256), "o".repeat(256));

    stores.users().save(A.id(), user);
    stores.grants().put(A.id(), userId, Grant.of(document, AccessRole.EDITOR));

    assertThat(email).hasSize(254);
    assertThat(stores.users().find(A.id(), userId)).contains(user);
    assertThat(stores.grants().grantsOf(A.id(), userId).asList())
        .containsExactly(Grant.of(document, AccessRole.EDITOR));
  }

  @Test
  void the_longest_ids_outside_the_basic_plane_fit_every_id_column() {
    // The domain counts ids in code points: 256 of them may take 512 UTF-16 units, which is what
    // H2 counts a VARCHAR's length in.
    String longest = "\uD83D\uDE00".repeat(256);
    Document document = new Document(longest, longest);
    MintRecord minted =
        new MintRecord(Instant.EPOCH, A.id(), "c1", longest, longest, 1, "velt", Optional.empty());

    stores.users().save(A.id(), new User(longest, UserProfile.empty()));
    stores.grants().put(A.id(), longest, Grant.of(document, AccessRole.VIEWER));
    stores.revocations().revoke(A.id(), longest, Instant.EPOCH.plusSeconds(100));
    stores.audit().record(minted);

    assertThat(stores.users().find(A.id(), longest))
        .contains(new User(longest, UserProfile.empty()));
    assertThat(stores.grants().members(A.id(), document, Optional.empty(), 10))
        .extracting(Member::userId, Member::grant)
        .containsExactly(tuple(longest, Grant.of(document, AccessRole.VIEWER)));
    assertThat(stores.revocations().isRevoked(A.id(), longest, Instant.EPOCH)).isTrue();
    assertThat(stores.audit().read(A.id(), AuditFilter.ALL, Optional.empty(), 10).events())
        .containsExactly(minted.toEvent());
  }

  @Test
  void members_page_in_the_order_of_java_strings_whatever_the_server_locale() {
    Document doc = new Document("doc_1", "org_1");
    List<String> users = List.of("zed", "Émile", "alice", "Bob", "_x");
    users.forEach(u -> stores.grants().put(A.id(), u, Grant.of(doc, AccessRole.VIEWER)));

    List<String> firstPage = userIds(stores.grants().members(A.id(), doc, Optional.empty(), 3));
    List<String> secondPage =
        userIds(stores.grants().members(A.id(), doc, Optional.of(firstPage.get(2)), 3));

    assertThat(firstPage).containsExactly("Bob", "_x", "alice");
    assertThat(secondPage).containsExactly("zed", "Émile");
  }

  @Test
  void credentials_created_at_the_same_instant_list_in_creation_order() {
    for (String id : List.of("c-3", "c-1", "c-2")) {
      stores
          .credentials()
          .create(
              new Credential(
                  id, A.id(), TokenHash.of("token-" + id), CredentialRole.ISSUER, T0, false));
    }

    assertThat(stores.credentials().listByWorkspace(A.id()))
        .extracting(Credential::id)
        .containsExactly("c-3", "c-1", "c-2");
  }

  @Test
  void keys_activated_at_the_same_instant_list_newest_first() {
    for (String kid : List.of("k-b", "k-c", "k-a")) {
      stores.keyRing().activate(A.id(), key(kid, T0));
    }

    assertThat(stores.keyRing().keys(A.id()))
        .extracting(SigningKey::kid)
        .containsExactly("k-a", "k-c", "k-b");
  }

  @Test
  void an_activated_kid_already_exists() {
    stores.keyRing().activate(A.id(), key("k1", T0));

    assertThatThrownBy(() -> stores.keyRing().activate(A.id(), key("k1", T0)))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("the workspace has a key with this kid");
    assertThat(stores.keyRing().keys(A.id()))
        .extracting(SigningKey::kid, SigningKey::status)
        .containsExactly(tuple("k1", KeyStatus.ACTIVE));
  }

  @Test
  void allowed_algorithms_of_an_unknown_workspace_are_not_found() {
    assertThatThrownBy(
            () -> stores.settings().setAllowedAlgorithms("ws-none", Set.of(SigningAlgorithm.ES256)))
        .isInstanceOf(NotFoundException.class);
    assertThat(stores.settings().allowedAlgorithms("ws-none")).isEmpty();
  }

  @Test
  void the_rate_limit_of_an_unknown_workspace_is_not_found() {
    assertThatThrownBy(
            () -> stores.settings().setRateLimit("ws-none", Optional.of(new RateLimit(5))))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no workspace has id ws-none");
    assertThatThrownBy(() -> stores.settings().setRateLimit("ws-none", Optional.empty()))
        .isInstanceOf(NotFoundException.class);
    assertThat(stores.settings().rateLimit("ws-none")).isEmpty();
  }

  @Test
  void instants_keep_their_milliseconds() {
    Instant createdAt = T0.plusMillis(123);
    Credential credential =
        new Credential("c1", A.id(), TokenHash.of("token"), CredentialRole.ADMIN, createdAt, false);

    stores.credentials().create(credential);

    assertThat(stores.credentials().findByTokenHash(TokenHash.of("token"))).contains(credential);
  }

  @Test
  void two_instances_activating_at_once_leave_exactly_one_active_key() throws Exception {
    JdbcDatabase other = closeAfterTest(openDatabase());
    int perInstance = 10;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String instance : List.of("one", "two")) {
        var ring = instance.equals("one") ? stores.keyRing() : other.keyRing();
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perInstance; i++) {
                    ring.activate(A.id(), key(instance + "-" + i, T0));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> each : done) {
        each.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    List<SigningKey> keys = stores.keyRing().keys(A.id());
    assertThat(keys).hasSize(2 * perInstance);
    assertThat(keys.get(0).status()).isEqualTo(KeyStatus.ACTIVE);
    assertThat(keys.subList(1, keys.size()))
        .extracting(SigningKey::status)
        .containsOnly(KeyStatus.RETIRING);
    assertThat(stores.keyRing().activeKey(A.id())).contains(keys.get(0));
  }

  private static SigningKey key(String kid, Instant createdAt) {
    return new SigningKey(
        kid,
        SigningAlgorithm.ES256,
        KeyStatus.ACTIVE,
        createdAt,
        "{\"kid\":\"" + kid + "\"}",
        "sealed-" + kid);
  }

  private static List<String> userIds(List<Member> members) {
    return members.stream().map(Member::userId).toList();
  }
}
