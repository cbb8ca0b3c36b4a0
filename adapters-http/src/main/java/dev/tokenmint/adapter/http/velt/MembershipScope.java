package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.resource.ResourceIds;
import java.util.Optional;

/**
 * The scope of a users request, from its {@code organizationId}, {@code folderId} and {@code
 * documentId}: the organization, or one folder or one document inside it, never both. A folder or
 * document id may be a prefix pattern ({@code report_*}): the membership is then that prefix grant.
 */
final class MembershipScope {

  private MembershipScope() {}

  /**
   * The scope; problems are recorded in {@code violations} under the request's field names, and the
   * result is then empty.
   */
  static Optional<Resource> of(
      Violations violations, String organizationId, String folderId, String documentId) {
    boolean valid = ResourceIds.checkOrganization(violations, "organizationId", organizationId);
    if (folderId != null && documentId != null) {
      violations.add(
          "documentId",
          "cannot be combined with folderId: a request is about the organization, one folder or"
              + " one document");
      return Optional.empty();
    }
    if (folderId != null) {
      valid &= ResourceIds.checkPattern(violations, "folderId", folderId);
      return valid ? Optional.of(new Folder(folderId, organizationId)) : Optional.empty();
    }
    if (documentId != null) {
      valid &= ResourceIds.checkPattern(violations, "documentId", documentId);
      return valid ? Optional.of(new Document(documentId, organizationId)) : Optional.empty();
    }
    return valid ? Optional.of(new Organization(organizationId)) : Optional.empty();
  }
}
