package dev.tokenmint.bench;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.token.TokenClaims;
import dev.tokenmint.domain.token.VeltProfile;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The benchmarks' request: the README's Velt user with {@code n} grants. */
final class Tokens {

  static final Instant NOW = Instant.ofEpochSecond(1_780_000_000L);

  private Tokens() {}

  static SigningAlgorithm algorithm(String joseName) {
    return SigningAlgorithm.fromJoseName(joseName)
        .orElseThrow(() -> new IllegalArgumentException("no algorithm " + joseName));
  }

  static User user() {
    return new User(
        "user123",
        UserProfile.builder().name("John Doe").email("john@example.com").admin(false).build());
  }

  /**
   * {@code n} grants: the organization, a folder and documents, as in the README's request (3
   * grants: organization viewer, folder editor, document editor with an expiry).
   */
  static GrantSet grants(int n) {
    List<Grant> grants = new ArrayList<>(n);
    grants.add(Grant.of(new Organization("org_123"), AccessRole.VIEWER));
    if (n > 1) {
      grants.add(Grant.of(new Folder("folder_001", "org_123"), AccessRole.EDITOR));
    }
    for (int i = 2; i < n; i++) {
      Optional<Instant> expiry =
          i == 2 ? Optional.of(Instant.ofEpochSecond(1_640_995_200L)) : Optional.empty();
      grants.add(new Grant(new Document("doc_" + i, "org_123"), AccessRole.EDITOR, expiry));
    }
    return GrantSet.of(grants);
  }

  /** The JWS signing input (header.claims, Base64URL) of an ES256 token with {@code n} grants. */
  static String signingInput(int n) {
    VeltProfile profile = VeltProfile.standard();
    TokenClaims claims =
        profile.claims(
            "http://localhost:8080",
            user(),
            Attributes.empty(),
            grants(n),
            NOW,
            NOW.plus(VeltProfile.MAX_LIFETIME.cap()),
            "2b0c8a9e-7f1d-4c52-9d8e-3f6a1b2c4d5e");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"0123456789abcdefghijklmnopqrstuvwxyzABCDEFG\"}";
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            JSONObjectUtils.toJSONString(claims.asMap()).getBytes(StandardCharsets.UTF_8));
  }
}
