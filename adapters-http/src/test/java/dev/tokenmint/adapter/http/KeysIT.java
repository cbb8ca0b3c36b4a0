package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltSuccessInOrder;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.KEYS_ALGORITHMS;
import static dev.tokenmint.adapter.http.TestServer.KEYS_GET;
import static dev.tokenmint.adapter.http.TestServer.KEYS_ROTATE;
import static dev.tokenmint.adapter.http.TestServer.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.key.SigningKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v2/keys/rotate}, {@code POST /v2/keys/get} and {@code POST /v2/keys/algorithms}.
 * Every test has a server of its own, since rotating changes the ring: the default workspace starts
 * with the one key {@code test-key-1}, created at the test clock's time, which every rotation also
 * stands at.
 */
class KeysIT {

  private static final long NOW = TestApplication.NOW.getEpochSecond();
  private static final long VERIFIES_UNTIL =
      TestApplication.NOW.plus(TestApplication.OVERLAP).getEpochSecond();

  private static final String ALL_ALGORITHMS =
      "\"allowedAlgorithms\": [\"ES256\", \"EdDSA\", \"RS256\", \"PS256\", \"HS256\"]";

  /** The end of every keys/get answer: the allowed algorithms, then the signing providers. */
  private static final String ALGORITHMS_AND_PROVIDERS =
      ALL_ALGORITHMS
          + ", \"signingProviders\": {\"ES256\": \"TestProvider 1.0\", \"HS256\": \"TestProvider 1.0\"}";

  /** The fixture's placeholder private JWKs are {@code {"secret":"test-key-…"}}. */
  private static final String PRIVATE_PART = "secret";

  private TestServer server;
  private final List<Reply> replies = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterEach
  void stop() {
    server.close();
    for (Reply reply : replies) {
      assertThat(reply.body()).as("%s", reply).doesNotContain(PRIVATE_PART, "privateJwk");
    }
  }

  @Test
  void get_lists_the_one_active_key_with_its_public_jwk() {
    assertVeltSuccessInOrder(
        post(KEYS_GET, "{}", ADMIN),
        """
        {"result": {"status": "success", "message": "Keys retrieved successfully.",
          "data": {"keys": [
            {"kid": "test-key-1", "algorithm": "ES256", "status": "active", "createdAt": %d,
             "publicJwk": {"kid": "test-key-1", "alg": "ES256"}}],
          %s}}}
        """
            .formatted(NOW, ALGORITHMS_AND_PROVIDERS));
  }

  @Test
  void rotate_answers_the_new_key_and_get_then_shows_the_previous_one_retiring_for_the_overlap() {
    assertVeltSuccessInOrder(
        post(KEYS_ROTATE, "{}", ADMIN),
        """
        {"result": {"status": "success", "message": "Key rotated successfully.",
          "data": {"kid": "test-key-2", "algorithm": "ES256", "createdAt": %d}}}
        """
            .formatted(NOW));

    assertVeltSuccessInOrder(
        post(KEYS_GET, "{}", ADMIN),
        """
        {"result": {"status": "success", "message": "Keys retrieved successfully.",
          "data": {"keys": [
            {"kid": "test-key-2", "algorithm": "ES256", "status": "active", "createdAt": %d,
             "publicJwk": {"kid": "test-key-2", "alg": "ES256"}},
            {"kid": "test-key-1", "algorithm": "ES256", "status": "retiring", "createdAt": %d,
             "retiringSince": %d, "verifiesUntil": %d,
             "publicJwk": {"kid": "test-key-1", "alg": "ES256"}}],
          %s}}}
        """
            .formatted(NOW, NOW, NOW, VERIFIES_UNTIL, ALGORITHMS_AND_PROVIDERS));
  }

  @Test
  void a_rotation_beyond_ten_verifying_keys_is_failed_precondition_and_changes_nothing() {
    for (int i = 0; i < 9; i++) {
      assertThat(post(KEYS_ROTATE, "{}", ADMIN).status()).isEqualTo(200);
    }
    String ringBefore = post(KEYS_GET, "{}", ADMIN).body();

    assertVeltFailure(
        post(KEYS_ROTATE, "{}", ADMIN),
        400,
        "FAILED_PRECONDITION",
        "the workspace already has 10 signing keys that verify (the active key and 9 retiring)",
        "the oldest retiring key, test-key-1, stops verifying and leaves the JWKS at "
            + Instant.ofEpochSecond(VERIFIES_UNTIL),
        "rotate after that");
    assertThat(post(KEYS_GET, "{}", ADMIN).body()).isEqualTo(ringBefore);
    assertThat(server.get("/.well-known/jwks.json").json().get("keys")).hasSize(10);
  }

  @Test
  void token_minted_before_rotation_still_verifies_and_later_tokens_carry_the_new_kid() {
    String before = mint("keys-before");
    assertThat(server.app.signer.last().kid()).isEqualTo("test-key-1");

    assertThat(post(KEYS_ROTATE, "", ADMIN).status()).isEqualTo(200);
    String after = mint("keys-after");

    assertThat(server.app.signer.last().kid()).isEqualTo("test-key-2");
    assertThat(verifiedKid(before)).isEqualTo("test-key-1");
    assertThat(verifiedKid(after)).isEqualTo("test-key-2");
  }

  @ParameterizedTest(name = "body [{0}]")
  @ValueSource(strings = {"", "{}", "{\"data\": {}}", " { } "})
  void rotate_and_get_accept_an_empty_body_or_an_empty_object(String body) {
    assertThat(post(KEYS_ROTATE, body, ADMIN).json().at("/result/data/kid").asText())
        .isEqualTo("test-key-2");

    assertThat(kids(post(KEYS_GET, body, ADMIN))).containsExactly("test-key-2", "test-key-1");
  }

  @Test
  void symmetric_key_is_listed_without_any_jwk() {
    server.app.keyService.ensureActiveKey(server.app.defaultWorkspace, SigningAlgorithm.HS256);

    assertVeltSuccessInOrder(
        post(KEYS_GET, "", ADMIN),
        """
        {"result": {"status": "success", "message": "Keys retrieved successfully.",
          "data": {"keys": [
            {"kid": "test-key-2", "algorithm": "HS256", "status": "active", "createdAt": %d},
            {"kid": "test-key-1", "algorithm": "ES256", "status": "retiring", "createdAt": %d,
             "retiringSince": %d, "verifiesUntil": %d,
             "publicJwk": {"kid": "test-key-1", "alg": "ES256"}}],
          %s}}}
        """
            .formatted(NOW, NOW, NOW, VERIFIES_UNTIL, ALGORITHMS_AND_PROVIDERS));
  }

  @Test
  void no_answer_ever_shows_a_private_part() {
    for (int i = 0; i < 3; i++) {
      post(KEYS_ROTATE, "{}", ADMIN);
    }
    Reply listed = post(KEYS_GET, "{}", ADMIN);

    assertThat(listed.json().at("/result/data/keys").size()).isEqualTo(4);
    assertThat(server.app.keyRing.keys(server.app.defaultWorkspace.id()))
        .extracting(SigningKey::privateJwk)
        .allSatisfy(secret -> assertThat(listed.body()).doesNotContain(secret))
        .allSatisfy(secret -> assertThat(secret).contains(PRIVATE_PART));
  }

  @Test
  void issuer_is_permission_denied_on_both_and_the_ring_is_unchanged() {
    List<SigningKey> ring = ring();

    assertVeltFailure(
        post(KEYS_ROTATE, "{}", ISSUER),
        403,
        "PERMISSION_DENIED",
        "this operation needs the 'admin' role; the credential used has 'issuer'");
    assertVeltFailure(
        post(KEYS_GET, "{}", ISSUER), 403, "PERMISSION_DENIED", "needs the 'admin' role");

    assertThat(ring()).isEqualTo(ring);
  }

  @Test
  void anonymous_caller_is_unauthenticated_on_both_and_the_ring_is_unchanged() {
    List<SigningKey> ring = ring();

    assertVeltFailure(
        post(KEYS_ROTATE, "", ANONYMOUS), 401, "UNAUTHENTICATED", "missing credentials");
    assertVeltFailure(post(KEYS_GET, "", ANONYMOUS), 401, "UNAUTHENTICATED", "missing credentials");

    assertThat(ring()).isEqualTo(ring);
  }

  @Test
  void rotating_another_workspace_leaves_this_ring_and_its_tokens_alone() {
    List<String> other = server.otherWorkspaceAdmin("keys-other");
    List<SigningKey> ring = ring();

    assertThat(post(KEYS_ROTATE, "{}", other).json().at("/result/data/kid").asText())
        .isEqualTo("test-key-3");

    assertThat(ring()).isEqualTo(ring);
    assertThat(kids(post(KEYS_GET, "{}", ADMIN))).containsExactly("test-key-1");
    assertThat(kids(post(KEYS_GET, "{}", other))).containsExactly("test-key-3", "test-key-2");
    mint("keys-a");
    assertThat(server.app.signer.last().kid()).isEqualTo("test-key-1");
  }

  // ---------------------------------------------------------------- allowed algorithms

  @Test
  void algorithms_sets_the_workspace_list_and_get_then_shows_it() {
    assertVeltSuccessInOrder(
        post(KEYS_ALGORITHMS, "{\"allowed\": [\"EdDSA\", \"ES256\"]}", ADMIN),
        """
        {"result": {"status": "success", "message": "Allowed algorithms set successfully.",
          "data": {"allowedAlgorithms": ["ES256", "EdDSA"]}}}
        """);

    assertThat(allowed(post(KEYS_GET, "{}", ADMIN))).containsExactly("ES256", "EdDSA");
    assertThat(allowed(post(KEYS_ALGORITHMS, "{\"data\": {\"allowed\": [\"ES256\"]}}", ADMIN)))
        .containsExactly("ES256");
  }

  @Test
  void a_list_without_the_active_keys_algorithm_is_refused_and_nothing_changes() {
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": [\"EdDSA\"]}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "allowed: must include ES256, the algorithm of the workspace's active key");
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": []}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "allowed: must name at least one algorithm");

    assertThat(allowed(post(KEYS_GET, "{}", ADMIN)))
        .containsExactly("ES256", "EdDSA", "RS256", "PS256", "HS256");
  }

  @Test
  void unknown_names_missing_or_unknown_fields_are_refused_by_path() {
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": [\"ES256\", \"es256\", \"none\"]}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "allowed[1]: is not an algorithm; allowed values: [ES256, EdDSA, RS256, PS256, HS256]",
        "allowed[2]: ");
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": [\"ES256\", 7]}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "allowed[1]: ");
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": [null]}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "allowed[0]: is not an algorithm");
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{}", ADMIN), 400, "INVALID_ARGUMENT", "allowed: is required");
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": [\"ES256\"], \"algs\": []}", ADMIN),
        400,
        "INVALID_ARGUMENT",
        "algs: is not a known field");

    assertThat(server.app.settings.allowedAlgorithms(server.app.defaultWorkspace.id())).isEmpty();
  }

  @Test
  void issuer_and_anonymous_callers_cannot_set_the_list() {
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": [\"ES256\"]}", ISSUER),
        403,
        "PERMISSION_DENIED",
        "needs the 'admin' role");
    assertVeltFailure(
        post(KEYS_ALGORITHMS, "{\"allowed\": [\"ES256\"]}", ANONYMOUS),
        401,
        "UNAUTHENTICATED",
        "missing credentials");

    assertThat(server.app.settings.allowedAlgorithms(server.app.defaultWorkspace.id())).isEmpty();
  }

  @Test
  void a_list_without_a_retiring_keys_algorithm_makes_its_tokens_not_allowed() {
    String es256 = mint("algs-before");
    server.app.keyService.ensureActiveKey(server.app.defaultWorkspace, SigningAlgorithm.EDDSA);
    String eddsa = mint("algs-after");
    assertThat(verifiedKid(es256)).isEqualTo("test-key-1");

    assertThat(allowed(post(KEYS_ALGORITHMS, "{\"allowed\": [\"EdDSA\"]}", ADMIN)))
        .containsExactly("EdDSA");

    JsonNode refused =
        post(VERIFY_TOKEN, "{\"token\": \"" + es256 + "\"}", ISSUER).json().at("/result/data");
    assertThat(refused.get("valid").booleanValue()).as("%s", refused).isFalse();
    assertThat(refused.get("reason").asText()).isEqualTo("algorithm_not_allowed");
    assertThat(verifiedKid(eddsa)).isEqualTo("test-key-2");
  }

  @Test
  void another_workspaces_list_leaves_this_one_alone() {
    List<String> other = server.otherWorkspaceAdmin("algs-other");
    String before = mint("algs-a");
    server.app.keyService.ensureActiveKey(server.app.defaultWorkspace, SigningAlgorithm.EDDSA);

    assertThat(allowed(post(KEYS_ALGORITHMS, "{\"allowed\": [\"ES256\"]}", other)))
        .containsExactly("ES256");

    assertThat(allowed(post(KEYS_GET, "{}", other))).containsExactly("ES256");
    assertThat(allowed(post(KEYS_GET, "{}", ADMIN)))
        .containsExactly("ES256", "EdDSA", "RS256", "PS256", "HS256");
    assertThat(verifiedKid(before)).isEqualTo("test-key-1");
  }

  // ---------------------------------------------------------------- helpers

  /** The algorithm names keys/get or keys/algorithms answered, in order. */
  private static List<String> allowed(Reply reply) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    List<String> names = new ArrayList<>();
    reply.json().at("/result/data/allowedAlgorithms").forEach(name -> names.add(name.asText()));
    return names;
  }

  private Reply post(String path, String body, List<String> headers) {
    Reply reply = server.post(path, body, headers);
    replies.add(reply);
    return reply;
  }

  /** The kids keys/get listed, in order. */
  private static List<String> kids(Reply listed) {
    assertThat(listed.status()).as("%s", listed).isEqualTo(200);
    List<String> kids = new ArrayList<>();
    listed.json().at("/result/data/keys").forEach(key -> kids.add(key.get("kid").asText()));
    return kids;
  }

  private List<SigningKey> ring() {
    return server.app.keyRing.keys(server.app.defaultWorkspace.id());
  }

  private String mint(String userId) {
    return assertVeltToken(post(GENERATE_TOKEN, tokenRequest(userId), ISSUER));
  }

  /** The kid verify_token answers for {@code token}, which must be valid. */
  private String verifiedKid(String token) {
    JsonNode data =
        post(VERIFY_TOKEN, "{\"token\": \"" + token + "\"}", ISSUER).json().at("/result/data");
    assertThat(data.get("valid").booleanValue()).as("%s", data).isTrue();
    return data.get("kid").asText();
  }
}
