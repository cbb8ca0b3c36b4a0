package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.user.AttributesUpdate;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /v2/auth/generate_token}, as Velt documents it, plus tokenmint's {@code
 * attributes}: names to values for this token over the user's stored ones ({@code null} leaves a
 * stored name out of this token).
 */
record GenerateTokenRequest(
    @NotNull(message = "is required") String userId,
    @Valid UserProperties userProperties,
    @Valid Permissions permissions,
    Map<String, Object> attributes) {

  record UserProperties(Boolean isAdmin, String name, String email) {
    UserProfile toProfile() {
      return UserProfile.builder()
          .admin(Boolean.TRUE.equals(isAdmin))
          .name(name)
          .email(email)
          .build();
    }
  }

  record Permissions(@NotNull(message = "is required") List<ResourceGrant> resources) {}

  /**
   * The mint command, with every domain rule checked and each violation reported at its JSON path.
   */
  MintTokenCommand toCommand() {
    Violations violations = new Violations();
    Optional<UserProfile> profile =
        userProperties == null
            ? Optional.of(UserProfile.empty())
            : violations.collect("userProperties", userProperties::toProfile);
    Optional<User> user =
        violations.collect("", () -> new User(userId, profile.orElse(UserProfile.empty())));
    List<ResourceGrant> resources = permissions == null ? List.of() : permissions.resources();
    Optional<GrantSet> grantSet =
        ResourceGrant.toGrantSet(violations, "permissions.resources", resources);
    Optional<AttributesUpdate> update =
        attributes == null
            ? Optional.of(AttributesUpdate.none())
            : violations.collect("attributes", () -> AttributesUpdate.fromWire(attributes));
    violations.throwIfAny();
    return new MintTokenCommand(user.orElseThrow(), grantSet.orElseThrow(), update.orElseThrow());
  }
}
