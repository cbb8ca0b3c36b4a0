package dev.tokenmint.adapter.http.velt;

import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.port.in.ManagePermissions;
import dev.tokenmint.application.port.in.ManagePermissions.UserPermissions;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Velt's auth permissions API: {@code POST /v2/auth/permissions/add}, {@code /remove} and {@code
 * /get}: grants stored per user and merged into every token minted for them.
 */
public final class PermissionsHandler {

  static final String ADDED = "Permissions added successfully.";
  static final String REMOVED = "Permissions removed successfully.";
  static final String RETRIEVED = "User permissions retrieved successfully.";

  private final Callers callers;
  private final JsonBodies bodies;
  private final ManagePermissions managePermissions;

  /** A handler authenticating with {@code callers} and storing grants with the use case. */
  public PermissionsHandler(
      Callers callers, JsonBodies bodies, ManagePermissions managePermissions) {
    this.callers = callers;
    this.bodies = bodies;
    this.managePermissions = managePermissions;
  }

  /** {@code POST /v2/auth/permissions/add}: answers how many grants were stored. */
  public void add(Context ctx) {
    Caller caller = callers.of(ctx);
    AddPermissionsRequest request = read(ctx, AddPermissionsRequest.class);
    GrantSet grants = request.grants();
    managePermissions.add(caller, request.userId(), grants);
    answer(ctx, ADDED, Map.of("stored", grants.size()));
  }

  /** {@code POST /v2/auth/permissions/remove}: answers how many stored grants were removed. */
  public void remove(Context ctx) {
    Caller caller = callers.of(ctx);
    RemovePermissionsRequest request = read(ctx, RemovePermissionsRequest.class);
    int removed = managePermissions.remove(caller, request.userId(), request.resources());
    answer(ctx, REMOVED, Map.of("removed", removed));
  }

  /**
   * {@code POST /v2/auth/permissions/get}: per user, {@code organization}, {@code folders} and
   * {@code documents}, each an object from resource id to {@code {accessRole, expiresAt?}}, as Velt
   * answers it; an empty object where the user holds nothing.
   */
  public void get(Context ctx) {
    Caller caller = callers.of(ctx);
    Map<String, UserPermissions> found =
        managePermissions.get(caller, read(ctx, PermissionsQueryRequest.class).toQuery());
    Map<String, Object> data = new LinkedHashMap<>();
    found.forEach((userId, permissions) -> data.put(userId, view(permissions)));
    answer(ctx, RETRIEVED, data);
  }

  private <T> T read(Context ctx, Class<T> type) {
    return bodies.read(ctx.bodyAsBytes(), type, true);
  }

  private static void answer(Context ctx, String message, Object data) {
    ctx.header("Cache-Control", "no-store");
    ctx.json(VeltEnvelope.success(message, data));
  }

  private static Map<String, Object> view(UserPermissions permissions) {
    Map<String, Object> organization = new LinkedHashMap<>();
    permissions.organization().ifPresent(g -> organization.put(g.resource().id(), view(g)));
    Map<String, Object> folders = new LinkedHashMap<>();
    permissions.folders().forEach((id, grant) -> folders.put(id, view(grant)));
    Map<String, Object> documents = new LinkedHashMap<>();
    permissions.documents().forEach((id, grant) -> documents.put(id, view(grant)));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("organization", organization);
    view.put("folders", folders);
    view.put("documents", documents);
    return view;
  }

  private static Map<String, Object> view(Grant grant) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("accessRole", grant.role().wireName());
    grant.expiresAt().ifPresent(at -> view.put("expiresAt", at.getEpochSecond()));
    return view;
  }
}
