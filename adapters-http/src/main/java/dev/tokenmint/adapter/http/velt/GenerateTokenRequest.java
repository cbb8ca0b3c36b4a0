package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The body of {@code POST /v2/auth/generate_token}, as Velt documents it. */
record GenerateTokenRequest(
    @NotNull(message = "is required") String userId,
    @Valid UserProperties userProperties,
    @Valid Permissions permissions) {

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

  record ResourceGrant(
      String type, String id, String organizationId, String accessRole, Long expiresAt) {
    Grant toGrant() {
      return Grant.fromWire(
          type,
          id,
          Optional.ofNullable(organizationId),
          Optional.ofNullable(accessRole),
          Optional.ofNullable(expiresAt));
    }
  }

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
    List<Grant> grants = new ArrayList<>();
    List<ResourceGrant> resources = permissions == null ? List.of() : permissions.resources();
    for (int i = 0; i < resources.size(); i++) {
      String path = "permissions.resources[" + i + "]";
      ResourceGrant resource = resources.get(i);
      if (resource == null) {
        violations.add(path, "must be an object");
      } else {
        violations.collect(path, resource::toGrant).ifPresent(grants::add);
      }
    }
    Optional<GrantSet> grantSet =
        violations.isEmpty()
            ? violations.collect("permissions.resources", () -> GrantSet.of(grants))
            : Optional.empty();
    violations.throwIfAny();
    return new MintTokenCommand(user.orElseThrow(), grantSet.orElseThrow());
  }
}
