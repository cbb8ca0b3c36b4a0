package dev.tokenmint.adapter.http.datafor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tokenmint.application.port.in.GenerateAuthorizationCommand;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.user.User;
import dev.tokenmint.domain.user.UserProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * The body of Datafor's {@code generateAuthorization}. {@code privateKey} is a secret and the
 * payload's {@code password} is never even read: tokenmint authenticates no end user.
 */
record GenerateAuthorizationRequest(
    @NotNull(message = "is required") String name,
    @NotNull(message = "is required")
        @Size(max = 4096, message = "must be at most {max} characters")
        String privateKey,
    @NotNull(message = "is required") @Valid Payload payload) {

  @JsonIgnoreProperties(value = {"password"})
  record Payload(
      @NotNull(message = "is required") String username,
      String name,
      List<String> roles,
      String inituser,
      String company,
      String dept,
      String email,
      String description,
      String title,
      String dob,
      String mobile) {

    UserProfile toProfile() {
      return UserProfile.builder()
          .name(name)
          .email(email)
          .roles(roles == null ? List.of() : roles)
          .company(company)
          .dept(dept)
          .title(title)
          .mobile(mobile)
          .dob(dob)
          .description(description)
          .build();
    }
  }

  /** The command, with every domain rule checked and each violation reported at its JSON path. */
  GenerateAuthorizationCommand toCommand() {
    Violations violations = new Violations();
    Optional<UserProfile> profile = violations.collect("payload", payload::toProfile);
    // User reports its id as "userId"; on the Datafor wire the id is payload.username.
    Optional<User> user =
        Identifier.check(violations, "payload.username", payload.username())
            ? violations.collect(
                "payload", () -> new User(payload.username(), profile.orElse(UserProfile.empty())))
            : Optional.empty();
    violations.throwIfAny();
    return new GenerateAuthorizationCommand(name, privateKey, user.orElseThrow());
  }

  @Override
  public String toString() {
    return "GenerateAuthorizationRequest[name=" + name + ", privateKey redacted]";
  }
}
