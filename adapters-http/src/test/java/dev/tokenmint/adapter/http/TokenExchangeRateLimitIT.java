package dev.tokenmint.adapter.http;

import static dev.tokenmint.adapter.http.EnvelopeAssertions.assertVeltToken;
import static dev.tokenmint.adapter.http.RequestBodies.tokenRequest;
import static dev.tokenmint.adapter.http.TestServer.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import dev.tokenmint.domain.workspace.RateLimit;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Token exchange counts against the workspace's per-credential limit, in one allowance per token
 * family: a minted token and every token exchanged from it. The limiter's clock is the test's, so
 * nothing refills while a test runs.
 */
class TokenExchangeRateLimitIT {

  private static final String ORG =
      "{\"type\":\"organization\",\"id\":\"org_1\",\"accessRole\":\"viewer\"}";

  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  private TestServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_token_family_shares_one_allowance_and_another_family_has_its_own() {
    server =
        TestServer.start(
            TestApplication.withRateLimits(new RateLimit(3), RateLimit.NONE), nanos::get);
    String parent = mint("family-1");
    String child = exchange(parent).json().get("access_token").asText(); // 1
    assertThat(exchange(child).status()).isEqualTo(200); // 2: the child's exchange is the family's
    assertThat(exchange(parent).status()).isEqualTo(200); // 3

    Reply refused = exchange(child);

    OAuthIT.assertOAuthError(refused, 429, "temporarily_unavailable");
    assertThat(refused.header("Retry-After")).contains("1");
    assertThat(exchange(mint("family-2")).status()).as("another family").isEqualTo(200);
    assertThat(server.get("/metrics").body())
        .contains("tokenmint_rate_limited_total{limit=\"token_family\"} 1.0");
    nanos.addAndGet(1_000_000_000L);
    assertThat(exchange(child).status()).as("refilled a second later").isEqualTo(200);
  }

  private String mint(String userId) {
    return assertVeltToken(
        server.post(TestServer.GENERATE_TOKEN, tokenRequest(userId, ORG), ISSUER));
  }

  private Reply exchange(String subject) {
    return server.post(
        OAuthIT.TOKEN,
        "grant_type="
            + encode(OAuthIT.EXCHANGE)
            + "&subject_token="
            + encode(subject)
            + "&subject_token_type="
            + encode(OAuthIT.JWT)
            + "&authorization_details="
            + encode("[" + ORG + "]"),
        List.of("Content-Type", OAuthIT.FORM));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
