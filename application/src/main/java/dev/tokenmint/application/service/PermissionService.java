package dev.tokenmint.application.service;

import dev.tokenmint.application.port.in.ManagePermissions;
import dev.tokenmint.application.port.out.AuditLog;
import dev.tokenmint.application.port.out.GrantStore;
import dev.tokenmint.application.port.out.Transactions;
import dev.tokenmint.domain.audit.AuditEvent;
import dev.tokenmint.domain.audit.AuditKind;
import dev.tokenmint.domain.failure.ResourceExhaustedException;
import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.resource.ResourceType;
import dev.tokenmint.domain.workspace.Caller;
import dev.tokenmint.domain.workspace.CredentialRole;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Velt's auth permissions API over the grant store; each change audited once it committed.
 *
 * <p>
 */
public record PermissionService(
    GrantStore grants, Transactions transactions, AuditLog audit, Clock clock, int maxGrantsPerUser)
    implements ManagePermissions {

  @Override
  public void add(Caller caller, String userId, GrantSet requested) {
    caller.require(CredentialRole.ADMIN);
    Identifier.require("user.userId", userId);
    String workspaceId = caller.workspace().id();
    try (AuditLog.Reservation room = audit.reserve(1)) {
      transactions.run(
          () -> {
            int after = requested.over(grants.grantsOf(workspaceId, userId)).size();
            if (after > maxGrantsPerUser) {
              throw new ResourceExhaustedException(
                  "the user would hold "
                      + after
                      + " stored grants, over the limit of "
                      + maxGrantsPerUser
                      + " grants per token; grant on a folder or the organization instead");
            }
            requested.asList().forEach(grant -> grants.put(workspaceId, userId, grant));
          });
      room.record(
          event(caller, AuditKind.GRANTS_ADDED, userId)
              .withDetail(AuditDetails.grants(requested.asList())));
    }
  }

  @Override
  public int remove(Caller caller, String userId, List<Resource> resources) {
    caller.require(CredentialRole.ADMIN);
    Identifier.require("userId", userId);
    String workspaceId = caller.workspace().id();
    try (AuditLog.Reservation room = audit.reserve(1)) {
      List<Resource> removed =
          transactions.inTransaction(
              () ->
                  resources.stream()
                      .distinct()
                      .filter(resource -> grants.remove(workspaceId, userId, resource))
                      .toList());
      if (!removed.isEmpty()) {
        room.record(
            event(caller, AuditKind.GRANTS_REMOVED, userId)
                .withDetail(AuditDetails.resources(removed)));
      }
      return removed.size();
    }
  }

  private AuditEvent event(Caller caller, AuditKind kind, String userId) {
    return AuditEvent.by(caller, clock.instant().truncatedTo(ChronoUnit.MILLIS), kind)
        .onUser(userId);
  }

  @Override
  public Map<String, UserPermissions> get(Caller caller, PermissionsQuery query) {
    caller.require(CredentialRole.ADMIN);
    Violations violations = new Violations();
    Identifier.check(violations, "organizationId", query.organizationId());
    violations.require(!query.userIds().isEmpty(), "userIds", "must name at least one user");
    violations.require(
        query.userIds().size() <= PermissionsQuery.MAX_USER_IDS,
        "userIds",
        "may name at most "
            + PermissionsQuery.MAX_USER_IDS
            + " users, got "
            + query.userIds().size());
    violations.throwIfAny();
    String workspaceId = caller.workspace().id();
    Map<String, UserPermissions> answer = new LinkedHashMap<>();
    for (String userId : query.userIds()) {
      answer.put(userId, permissionsOf(workspaceId, userId, query));
    }
    return answer;
  }

  private UserPermissions permissionsOf(String workspaceId, String userId, PermissionsQuery query) {
    String organizationId = query.organizationId();
    Map<String, Grant> folders = new LinkedHashMap<>();
    Map<String, Grant> documents = new LinkedHashMap<>();
    Optional<Grant> organization = Optional.empty();
    for (Grant grant : grants.grantsOf(workspaceId, userId).asList()) {
      Resource resource = grant.resource();
      if (!resource.organizationId().equals(organizationId)) {
        continue;
      }
      if (resource instanceof Organization) {
        organization = Optional.of(grant);
      } else if (resource.type() == ResourceType.FOLDER
          && wanted(query.folderIds(), resource.id())) {
        folders.put(resource.id(), grant);
      } else if (resource.type() == ResourceType.DOCUMENT
          && wanted(query.documentIds(), resource.id())) {
        documents.put(resource.id(), grant);
      }
    }
    return new UserPermissions(organization, folders, documents);
  }

  private static boolean wanted(Optional<List<String>> only, String id) {
    return only.map(ids -> ids.contains(id)).orElse(true);
  }
}
