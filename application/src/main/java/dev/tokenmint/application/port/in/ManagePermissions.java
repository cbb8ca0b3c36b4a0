package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.resource.Resource;
import dev.tokenmint.domain.workspace.Caller;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Velt's auth permissions API: grants stored per user, merged into every token minted for them.
 * Admin only.
 */
public interface ManagePermissions {

  /**
   * Stores the grants for the user, each replacing a stored grant on the same resource; all or
   * nothing.
   */
  void add(Caller caller, String userId, GrantSet grants);

  /** Removes the user's grants on these resources; returns how many were stored. */
  int remove(Caller caller, String userId, List<Resource> resources);

  /**
   * Each user's stored grants inside one organization, optionally only on some folders/documents.
   */
  Map<String, UserPermissions> get(Caller caller, PermissionsQuery query);

  /** Whose grants to read, in which organization, optionally narrowed to some ids. */
  record PermissionsQuery(
      String organizationId,
      List<String> userIds,
      Optional<List<String>> folderIds,
      Optional<List<String>> documentIds) {
    /** Most users one query may name (Velt's limit). */
    public static final int MAX_USER_IDS = 30;

    /** All parts are required. */
    public PermissionsQuery {
      Objects.requireNonNull(organizationId, "organizationId");
      userIds = List.copyOf(userIds);
      folderIds = folderIds.map(List::copyOf);
      documentIds = documentIds.map(List::copyOf);
    }
  }

  /** One user's grants in the organization: on it, and on its folders and documents by id. */
  record UserPermissions(
      Optional<Grant> organization, Map<String, Grant> folders, Map<String, Grant> documents) {
    /** Copies the maps, keeping their order. */
    public UserPermissions {
      Objects.requireNonNull(organization, "organization");
      folders = Collections.unmodifiableMap(new LinkedHashMap<>(folders));
      documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }
  }
}
