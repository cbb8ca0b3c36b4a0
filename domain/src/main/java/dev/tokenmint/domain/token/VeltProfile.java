package dev.tokenmint.domain.token;

import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.resource.ResourceType;
import dev.tokenmint.domain.user.Attributes;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Velt dialect's token: signed by the workspace's ring key, 48 hours at most, carrying the
 * user's identity, profile, roles and normalized grants.
 */
public record VeltProfile(Lifetime lifetime) implements TokenProfile {

  /** The longest a Velt token lives: 48 hours. */
  public static final Lifetime MAX_LIFETIME = Lifetime.ofSeconds(48 * 3600);

  /** A lifetime longer than {@link #MAX_LIFETIME} is cut to it. */
  public VeltProfile {
    Objects.requireNonNull(lifetime, "lifetime");
    lifetime = MAX_LIFETIME.shortenedTo(lifetime.cap());
  }

  /** The profile with the full 48-hour lifetime. */
  public static VeltProfile standard() {
    return new VeltProfile(MAX_LIFETIME);
  }

  @Override
  public String name() {
    return "velt";
  }

  /** {@code {"alg": …, "typ": "JWT", "kid": …}}. */
  public TokenHeader header(SigningAlgorithm algorithm, String kid) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", algorithm.joseName());
    header.put("typ", "JWT");
    header.put("kid", kid);
    return new TokenHeader(header);
  }

  /**
   * The claims: {@code iss}, {@code sub} and {@code userId}, {@code iat}, {@code exp}, {@code jti},
   * {@code userProperties}, {@code roles} when any, {@code attributes} when any (an object of its
   * own, so an attribute never stands in for another claim), and {@code permissions.resources} with
   * every grant normalized ({@code accessRole} always present; a prefix grant's id as given, {@code
   * *} included). {@code issuedAt} is truncated to seconds.
   */
  public TokenClaims claims(
      String issuer,
      User user,
      Attributes attributes,
      GrantSet grants,
      Instant issuedAt,
      Instant expiresAt,
      String jti) {
    UserProfile profile = user.profile();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", user.userId());
    claims.put("userId", user.userId());
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("jti", jti);
    Map<String, Object> properties = new LinkedHashMap<>();
    profile.name().ifPresent(name -> properties.put("name", name));
    profile.email().ifPresent(email -> properties.put("email", email));
    properties.put("isAdmin", profile.admin());
    claims.put("userProperties", properties);
    if (!profile.roles().isEmpty()) {
      claims.put("roles", profile.roles());
    }
    if (!attributes.isEmpty()) {
      claims.put("attributes", attributes.asMap());
    }
    claims.put("permissions", permissions(grants));
    return new TokenClaims(claims);
  }

  /**
   * The claims of a token exchanged (RFC 8693) from a verified token with {@code subject}'s claims:
   * the subject's claims in their order, identity, profile and roles unchanged, with new {@code
   * iat}, {@code exp} and {@code jti}, exactly {@code grants}, no {@code nbf}, and its {@link
   * Lineage}: the subject as parent, the subject's ancestors after it.
   *
   * @throws IllegalArgumentException when the subject already has {@link Lineage#MAX_DEPTH}
   *     ancestors: the caller refuses such a subject before
   */
  public TokenClaims exchanged(
      TokenClaims subject, GrantSet grants, Instant issuedAt, Instant expiresAt, String jti) {
    String parent = subject.string("jti").orElseThrow();
    List<String> ancestors = new ArrayList<>();
    ancestors.add(parent);
    ancestors.addAll(Lineage.ancestorsOf(subject));
    if (ancestors.size() > Lineage.MAX_DEPTH) {
      throw new IllegalArgumentException("the subject was exchanged too many times already");
    }
    Map<String, Object> claims = new LinkedHashMap<>(subject.asMap());
    claims.remove("nbf");
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("jti", jti);
    claims.put("permissions", permissions(grants));
    claims.put(Lineage.PARENT, parent);
    claims.put(Lineage.ANCESTORS, List.copyOf(ancestors));
    return new TokenClaims(claims);
  }

  /**
   * The {@code permissions} claim: {@code {"resources": [every grant, as {@link #grantClaim}]}}.
   */
  private static Map<String, Object> permissions(GrantSet grants) {
    List<Grant> all = grants.asList();
    List<Map<String, Object>> resources = new ArrayList<>(all.size());
    for (Grant grant : all) {
      resources.add(grantClaim(grant));
    }
    return Map.of("resources", resources);
  }

  /**
   * A grant as Velt tokens carry it, normalized: {@code {type, id, organizationId (not for an
   * organization), accessRole, expiresAt (Unix seconds, when it expires)}}, in that order. The one
   * wire view of a grant, for tokens and for the answers that show a grant.
   */
  public static Map<String, Object> grantClaim(Grant grant) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("type", grant.resource().type().wireName());
    resource.put("id", grant.resource().id());
    if (grant.resource().type() != ResourceType.ORGANIZATION) {
      resource.put("organizationId", grant.resource().organizationId());
    }
    resource.put("accessRole", grant.role().wireName());
    grant.expiresAt().ifPresent(at -> resource.put("expiresAt", at.getEpochSecond()));
    return resource;
  }
}
