package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertDataforToken;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltFailure;
import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.KEY_256_BITS;
import static dev.tokenmint.adapter.http.RequestBodies.VELT_EXAMPLE_1;
import static dev.tokenmint.adapter.http.RequestBodies.datafor;
import static dev.tokenmint.adapter.http.TestServer.ADMIN;
import static dev.tokenmint.adapter.http.TestServer.ANONYMOUS;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_AUTHORIZATION;
import static dev.tokenmint.adapter.http.TestServer.GENERATE_TOKEN;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static dev.tokenmint.adapter.http.TestServer.USERS_GET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.workspace.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limits (docs/operations.md, Rate limits) on a real server whose buckets read a time the
 * test moves by hand: a credential's requests, and a client address's failed authentications.
 */
class RateLimitsIT {

  /** Velt's header pair with a right API key and a wrong auth token. */
  private static final List<String> WRONG_TOKEN =
      List.of(
          "x-velt-api-key",
          TestApplication.API_KEY,
          "x-velt-auth-token",
          "tmat_wrong_token_0123456789abcdefghij");

  private static final String CREDENTIAL_LIMIT_OF_3 =
      "rate limit of 3 requests per second for this credential exceeded; retry after 1 s";

  private static final String FAILURE_LIMIT_OF_20 =
      "rate limit of 20 failed authentications per second for this client address exceeded;"
          + " retry after 1 s";

  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  private TestServer server;

  private TestServer start(RateLimit perCredential, RateLimit failedAuthentications) {
    server =
        TestServer.start(
            TestApplication.withRateLimits(perCredential, failedAuthentications), nanos::get);
    return server;
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_credential_has_a_burst_of_its_limit_then_429_in_the_velt_envelope_with_retry_after() {
    start(new RateLimit(3), RateLimit.NONE);
    for (int i = 0; i < 3; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }
    TestServer.Snapshot before = server.snapshot();

    Reply refused = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);

    assertThat(assertVeltFailure(refused, 429, "RESOURCE_EXHAUSTED", "rate limit of"))
        .isEqualTo(CREDENTIAL_LIMIT_OF_3);
    assertThat(refused.header("Retry-After")).contains("1");
    assertThat(refused.header("Cache-Control")).contains("no-store");
    server.assertNothingMintedSince(before);
  }

  @Test
  void the_bucket_refills_at_the_limits_rate_and_never_beyond_its_burst() {
    start(new RateLimit(3), RateLimit.NONE);
    for (int i = 0; i < 3; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }

    // A third of a second brings back one request's worth: one more, not two.
    advance(Duration.ofMillis(334));
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER).status()).isEqualTo(429);

    // A long pause fills the bucket to its burst of 3, no more.
    advance(Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }
    assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER).status()).isEqualTo(429);
  }

  @Test
  void retry_after_is_whole_seconds_rounded_up_and_waiting_that_long_is_enough() {
    start(new RateLimit(1), RateLimit.NONE);
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    advance(Duration.ofMillis(100)); // 0.9 s to wait: rounded up

    Reply refused = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);
    assertVeltFailure(
        refused,
        429,
        "RESOURCE_EXHAUSTED",
        "rate limit of 1 request per second for this credential exceeded; retry after 1 s");
    assertThat(refused.header("Retry-After")).contains("1");

    advance(Duration.ofSeconds(Long.parseLong(refused.header("Retry-After").orElseThrow())));
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
  }

  @Test
  void introspection_and_revocation_count_against_the_credential_and_answer_429_in_oauth_s_shape() {
    start(new RateLimit(3), RateLimit.NONE);
    List<String> admin = new ArrayList<>(OAuthIT.basicAdmin());
    admin.addAll(List.of("Content-Type", OAuthIT.FORM));
    assertThat(server.post(OAuthIT.INTROSPECT, "token=a.b.c", admin).status()).isEqualTo(200);
    assertThat(server.post(OAuthIT.INTROSPECT, "token=a.b.c", admin).status()).isEqualTo(200);
    assertThat(server.post(OAuthIT.REVOKE, "token=a.b.c", admin).status()).isEqualTo(200);

    for (String route : List.of(OAuthIT.INTROSPECT, OAuthIT.REVOKE)) {
      Reply refused = server.post(route, "token=a.b.c", admin);

      OAuthIT.assertOAuthError(refused, 429, "temporarily_unavailable");
      assertThat(refused.json().get("error_description").asText()).isEqualTo(CREDENTIAL_LIMIT_OF_3);
      assertThat(refused.header("Retry-After")).contains("1");
    }
  }

  @Test
  void the_datafor_route_answers_429_in_its_own_envelope() {
    start(new RateLimit(3), RateLimit.NONE);
    for (int i = 0; i < 3; i++) {
      assertDataforToken(server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), ADMIN));
    }

    Reply refused = server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), ADMIN);

    assertThat(assertDataforFailure(refused, 429, "rate limit of"))
        .isEqualTo(CREDENTIAL_LIMIT_OF_3);
    assertThat(refused.header("Retry-After")).contains("1");
  }

  @Test
  void every_credential_has_its_own_bucket_and_every_route_that_takes_one_counts() {
    start(new RateLimit(3), RateLimit.NONE);
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ADMIN));
    assertThat(server.post(USERS_GET, "{\"organizationId\":\"org_1\"}", ADMIN).status())
        .isEqualTo(200);
    assertThat(server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), ADMIN).status())
        .isEqualTo(200);
    assertThat(server.post(USERS_GET, "{\"organizationId\":\"org_1\"}", ADMIN).status())
        .isEqualTo(429);

    for (int i = 0; i < 3; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }
    assertThat(
            server
                .post(GENERATE_TOKEN, VELT_EXAMPLE_1, server.otherWorkspaceAdmin("other"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void a_workspaces_own_limit_replaces_the_default_and_no_limit_lifts_it_for_that_workspace() {
    start(new RateLimit(3), RateLimit.NONE);
    server.app.rateLimits.setWorkspaceLimit(TestApplication.API_KEY, Optional.of(new RateLimit(1)));

    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    assertVeltFailure(
        server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER),
        429,
        "RESOURCE_EXHAUSTED",
        "rate limit of 1 request per second");

    server.app.rateLimits.setWorkspaceLimit(TestApplication.API_KEY, Optional.of(RateLimit.NONE));
    for (int i = 0; i < 10; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }

    // Back to the default: a new bucket of 3.
    server.app.rateLimits.setWorkspaceLimit(TestApplication.API_KEY, Optional.empty());
    for (int i = 0; i < 3; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }
    assertVeltFailure(
        server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER), 429, "RESOURCE_EXHAUSTED", "of 3");
  }

  @Test
  void
      after_20_failed_authentications_the_address_is_refused_even_with_the_right_credential_until_it_refills() {
    start(RateLimit.NONE, new RateLimit(20));
    for (int i = 0; i < 20; i++) {
      assertVeltFailure(
          server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN),
          401,
          "UNAUTHENTICATED",
          "credentials");
    }
    TestServer.Snapshot before = server.snapshot();

    Reply wrong = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN);
    Reply right = server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);
    Reply datafor = server.post(GENERATE_AUTHORIZATION, datafor(KEY_256_BITS), ADMIN);

    assertThat(assertVeltFailure(wrong, 429, "RESOURCE_EXHAUSTED", "rate limit of"))
        .isEqualTo(FAILURE_LIMIT_OF_20);
    assertThat(assertVeltFailure(right, 429, "RESOURCE_EXHAUSTED", "rate limit of"))
        .isEqualTo(FAILURE_LIMIT_OF_20);
    assertThat(right.header("Retry-After")).contains("1");
    assertThat(assertDataforFailure(datafor, 429, "rate limit of")).isEqualTo(FAILURE_LIMIT_OF_20);
    server.assertNothingMintedSince(before);

    advance(Duration.ofSeconds(1));
    assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
  }

  @Test
  void a_refill_lets_failures_through_at_the_limits_rate_not_another_burst() {
    start(RateLimit.NONE, new RateLimit(20));
    for (int i = 0; i < 20; i++) {
      server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN);
    }

    advance(Duration.ofMillis(50)); // one failure's worth at 20 a second
    assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN).status()).isEqualTo(401);
    assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER).status()).isEqualTo(429);
  }

  @Test
  void missing_credentials_count_as_failed_authentications() {
    start(RateLimit.NONE, new RateLimit(20));
    for (int i = 0; i < 20; i++) {
      assertVeltFailure(
          server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ANONYMOUS),
          401,
          "UNAUTHENTICATED",
          "credentials");
    }

    assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER).status()).isEqualTo(429);
  }

  @Test
  void successful_authentications_never_use_up_the_failure_allowance() {
    start(RateLimit.NONE, new RateLimit(20));

    for (int i = 0; i < 100; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }
    for (int i = 0; i < 20; i++) {
      assertVeltFailure(
          server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN),
          401,
          "UNAUTHENTICATED",
          "credentials");
    }
  }

  @Test
  void the_public_and_operations_routes_are_never_limited() {
    start(new RateLimit(1), new RateLimit(1));
    assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN).status()).isEqualTo(401);
    assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER).status()).isEqualTo(429);

    for (String path :
        List.of(
            "/health/live",
            "/health/ready",
            "/metrics",
            "/.well-known/jwks.json",
            "/workspaces/" + TestApplication.API_KEY + "/.well-known/jwks.json",
            "/openapi.json",
            "/openapi.yaml")) {
      for (int i = 0; i < 5; i++) {
        assertThat(server.get(path).status()).as("GET %s", path).isEqualTo(200);
      }
    }
    assertThat(server.get("/no/such/route").status()).isEqualTo(404);
  }

  @Test
  void refusals_are_counted_by_limit_on_metrics() {
    start(new RateLimit(1), new RateLimit(1));
    server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER);
    server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER); // over the credential's limit
    server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN);
    server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN); // over the address's failures
    server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER); // the same, with a right credential

    String scrape = server.get("/metrics").body();

    assertThat(scrape)
        .contains("# HELP tokenmint_rate_limited_total Requests refused with 429 by a rate limit")
        .contains("tokenmint_rate_limited_total{limit=\"credential\"} 1.0")
        .contains("tokenmint_rate_limited_total{limit=\"auth_failure\"} 2.0")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"429\"[^}]*\\} 3");
  }

  @Test
  void without_limits_nothing_is_refused() {
    start(RateLimit.NONE, RateLimit.NONE);

    for (int i = 0; i < 50; i++) {
      assertThat(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, WRONG_TOKEN).status()).isEqualTo(401);
    }
    for (int i = 0; i < 50; i++) {
      assertVeltToken(server.post(GENERATE_TOKEN, VELT_EXAMPLE_1, ISSUER));
    }
  }
}
