package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.resource.Resource;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The body of {@code POST /v2/users/delete}: a scope and the users to remove from it. */
record DeleteUsersRequest(
    @NotNull(message = "is required") String organizationId,
    String documentId,
    String folderId,
    @NotNull(message = "is required")
        @Size(
            min = 1,
            max = MembershipRequest.MAX_USERS,
            message = "must hold {min} to {max} user ids")
        List<String> userIds) {

  /**
   * The scope and the user ids, each checked on its own.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException for a problem of the request as a
   *     whole: its scope, or an element that is not a string
   */
  UserBatch<String> toBatch() {
    Violations violations = new Violations();
    Optional<Resource> scope = MembershipScope.of(violations, organizationId, folderId, documentId);
    IdentifierList.requireStrings(violations, "userIds", userIds);
    violations.throwIfAny();
    return UserBatch.of(
        scope.orElseThrow(), "userIds", userIds, Function.identity(), DeleteUsersRequest::checked);
  }

  private static String checked(String userId) {
    Identifier.require("", userId);
    return userId;
  }
}
