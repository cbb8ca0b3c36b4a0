package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.application.port.in.ManageUsers.UsersQuery;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Resource;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v2/users/get}. {@code pageSize} defaults to the largest page; an empty
 * {@code pageToken} means the first page, as in other page-token APIs. The limits on {@code
 * pageSize} and {@code userIds} are the use case's.
 */
record UsersQueryRequest(
    @NotNull(message = "is required") String organizationId,
    String documentId,
    String folderId,
    List<String> userIds,
    Integer pageSize,
    String pageToken) {

  /** The query, with every problem of the scope and the ids reported at once. */
  UsersQuery toQuery() {
    Violations violations = new Violations();
    Optional<Resource> scope = MembershipScope.of(violations, organizationId, folderId, documentId);
    if (userIds != null) {
      IdentifierList.check(violations, "userIds", userIds);
    }
    violations.throwIfAny();
    return new UsersQuery(
        scope.orElseThrow(),
        Optional.ofNullable(userIds),
        pageSize == null ? UsersQuery.MAX_PAGE_SIZE : pageSize,
        Optional.ofNullable(pageToken).filter(token -> !token.isEmpty()));
  }
}
