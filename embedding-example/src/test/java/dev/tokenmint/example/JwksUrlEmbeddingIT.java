package dev.tokenmint.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokenmint.adapter.crypto.JwksTokenVerifier;
import dev.tokenmint.adapter.crypto.TokenVerification;
import dev.tokenmint.domain.failure.UnavailableException;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningKey;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.verification.Rejection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JWKS URL variant of the embedding example, against a JDK HTTP server on port 0 that serves
 * the issuer's live JWKS and counts how often it is fetched. Time moves by hand, never by sleeping.
 */
class JwksUrlEmbeddingIT {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T09:00:00Z"));
  private final EmbeddedIssuer tokenmint = new EmbeddedIssuer(clock);
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicBoolean withdrawn = new AtomicBoolean();
  private final String anotherIssuersJwks = new EmbeddedIssuer(clock).jwks();
  private HttpServer server;
  private URI jwksUrl;

  @BeforeEach
  void serveTheJwks() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/.well-known/jwks.json", this::jwks);
    server.start();
    jwksUrl =
        URI.create("http://localhost:" + server.getAddress().getPort() + "/.well-known/jwks.json");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void jwks(HttpExchange exchange) throws IOException {
    fetches.incrementAndGet();
    String jwks = withdrawn.get() ? anotherIssuersJwks : tokenmint.jwks();
    byte[] body = (failing.get() ? "{\"error\":\"down\"}" : jwks).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(failing.get() ? 503 : 200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private JwksTokenVerifier verifier() {
    // tag::url[]
    JwksTokenVerifier verifier =
        JwksTokenVerifier.fromUrl(jwksUrl) // e.g. https://tokens.example.com/.well-known/jwks.json
            .issuer("https://tokens.example.com")
            .clock(clock)
            .refetchInterval(Duration.ofSeconds(30)) // the default
            .maxAge(Duration.ofMinutes(5)) // the default
            .build();
    // end::url[]
    return verifier;
  }

  private String mint() {
    return tokenmint.mint(
        new User("user123", UserProfile.empty()),
        GrantSet.of(List.of(Grant.of(new Organization("org_123"), AccessRole.VIEWER))));
  }

  private static Rejection rejection(TokenVerification result) {
    assertThat(result).isInstanceOf(TokenVerification.Refused.class);
    return ((TokenVerification.Refused) result).rejection();
  }

  @Test
  void the_jwks_is_fetched_at_first_use_and_then_served_from_the_cache() {
    JwksTokenVerifier verifier = verifier();
    String token = mint();
    assertThat(fetches).hasValue(0);

    for (int i = 0; i < 10; i++) {
      assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);
    }

    assertThat(fetches).hasValue(1);
  }

  @Test
  void after_a_rotation_an_unknown_kid_triggers_one_refetch_and_old_tokens_keep_verifying() {
    JwksTokenVerifier verifier = verifier();
    String before = mint();
    assertThat(verifier.verify(before)).isInstanceOf(TokenVerification.Verified.class);
    clock.advance(Duration.ofSeconds(30));

    SigningKey rotated = tokenmint.rotate();
    String after = mint();
    TokenVerification result = verifier.verify(after);

    assertThat(result).isInstanceOf(TokenVerification.Verified.class);
    assertThat(((TokenVerification.Verified) result).kid()).isEqualTo(rotated.kid());
    assertThat(fetches).hasValue(2);
    assertThat(verifier.verify(before)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(verifier.verify(after)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void unknown_kids_cannot_make_the_verifier_fetch_more_than_twice_per_interval() {
    JwksTokenVerifier verifier = verifier();
    assertThat(verifier.verify(mint())).isInstanceOf(TokenVerification.Verified.class);

    // A rotation right after the first fetch: the second fetch the interval allows finds it.
    tokenmint.rotate();
    assertThat(verifier.verify(mint())).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(2);

    // Another rotation within the same interval must wait for the next one, as must every
    // unknown kid an attacker sends.
    tokenmint.rotate();
    String rotatedAgain = mint();
    assertThat(rejection(verifier.verify(rotatedAgain))).isEqualTo(Rejection.UNKNOWN_KEY);
    for (int i = 0; i < 100; i++) {
      assertThat(rejection(verifier.verify(tokenNaming("attacker-kid-" + i))))
          .isEqualTo(Rejection.UNKNOWN_KEY);
    }
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(29));
    assertThat(rejection(verifier.verify(rotatedAgain))).isEqualTo(Rejection.UNKNOWN_KEY);
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(rotatedAgain)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(3);

    for (int i = 0; i < 100; i++) {
      verifier.verify(tokenNaming("attacker-kid-" + i));
    }
    assertThat(fetches).as("the interval's second fetch, and no more").hasValue(4);
    clock.advance(Duration.ofSeconds(30));
    verifier.verify(tokenNaming("attacker-kid-again"));
    assertThat(fetches).hasValue(5);
  }

  @Test
  void
      an_issuer_that_cannot_be_reached_at_first_use_is_unavailable_and_retried_after_the_interval() {
    JwksTokenVerifier verifier = verifier();
    String token = mint();
    failing.set(true);

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(UnavailableException.class);
    }
    assertThat(fetches).as("two attempts per interval").hasValue(2);

    failing.set(false);
    clock.advance(Duration.ofSeconds(30));
    assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void the_key_set_is_fetched_again_after_max_age_and_a_failed_fetch_keeps_the_cached_set() {
    JwksTokenVerifier verifier = verifier();
    String token = mint();
    assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);

    clock.advance(Duration.ofMinutes(5));
    failing.set(true);
    assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(2);

    // The set in hand is trusted for another max age after the failed fetch.
    failing.set(false);
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void a_key_withdrawn_from_the_jwks_stops_verifying_once_the_cached_set_is_too_old() {
    JwksTokenVerifier verifier = verifier();
    String token = mint();
    assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);

    // The issuer withdraws the key early (say it leaked): its JWKS now holds another key only.
    withdrawn.set(true);
    clock.advance(Duration.ofMinutes(4));
    assertThat(verifier.verify(token)).isInstanceOf(TokenVerification.Verified.class);
    assertThat(fetches).hasValue(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(rejection(verifier.verify(token))).isEqualTo(Rejection.UNKNOWN_KEY);
    // The set fetched at max age lacks the kid, so the verifier asks once more: the second fetch
    // the interval allows.
    assertThat(fetches).hasValue(3);
    assertThat(rejection(verifier.verify(token))).isEqualTo(Rejection.UNKNOWN_KEY);
    assertThat(fetches).hasValue(3);
  }

  /**
   * A token whose header names {@code kid}; its signature is irrelevant, it never gets that far.
   */
  private static String tokenNaming(String kid) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + encoder.encodeToString("{}".getBytes(StandardCharsets.UTF_8))
        + ".AAAA";
  }
}
