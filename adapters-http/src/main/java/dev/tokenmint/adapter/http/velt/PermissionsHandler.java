package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenmint.application.port.in.ManagePermissions;
import dev.tokenmint.application.port.in.ManagePermissions.UserPermissions;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Velt's auth permissions API: {@code POST /v2/auth/permissions/add}, {@code /remove} and {@code
 * /get}: grants stored per user and merged into every token minted for them.
 */
public record PermissionsHandler(VeltExchange velt, ManagePermissions managePermissions) {

  /** {@code POST /v2/auth/permissions/add}: answers how many grants were stored. */
  public void add(Context ctx) {
    Caller caller = velt.caller(ctx);
    AddPermissionsRequest request = velt.read(ctx, AddPermissionsRequest.class);
    GrantSet grants = request.grants();
    managePermissions.add(caller, request.userId(), grants);
    velt.answer(ctx, "Permissions added successfully.", new Stored(grants.size()));
  }

  /** {@code POST /v2/auth/permissions/remove}: answers how many stored grants were removed. */
  public void remove(Context ctx) {
    Caller caller = velt.caller(ctx);
    RemovePermissionsRequest request = velt.read(ctx, RemovePermissionsRequest.class);
    int removed = managePermissions.remove(caller, request.userId(), request.resources());
    velt.answer(ctx, "Permissions removed successfully.", new Removed(removed));
  }

  /** {@code POST /v2/auth/permissions/get}: each user's grants, keyed by user id. */
  public void get(Context ctx) {
    Caller caller = velt.caller(ctx);
    PermissionsQueryRequest request = velt.read(ctx, PermissionsQueryRequest.class);
    Map<String, UserPermissions> found = managePermissions.get(caller, request.toQuery());
    velt.answer(ctx, "User permissions retrieved successfully.", inOrder(found, UserGrants::of));
  }

  /** {@code map} with each value converted, in the same order. */
  private static <V, W> Map<String, W> inOrder(Map<String, V> map, Function<V, W> convert) {
    Map<String, W> converted = new LinkedHashMap<>();
    map.forEach((key, value) -> converted.put(key, convert.apply(value)));
    return converted;
  }

  /** {@code {"stored": n}}. */
  record Stored(int stored) {}

  /** {@code {"removed": n}}. */
  record Removed(int removed) {}

  /**
   * A user's grants as Velt answers them: per kind, an object from resource id to its access; an
   * empty object where the user holds nothing.
   */
  record UserGrants(
      Map<String, Access> organization,
      Map<String, Access> folders,
      Map<String, Access> documents) {
    static UserGrants of(UserPermissions permissions) {
      return new UserGrants(
          permissions
              .organization()
              .map(grant -> Map.of(grant.resource().id(), Access.of(grant)))
              .orElse(Map.of()),
          inOrder(permissions.folders(), Access::of),
          inOrder(permissions.documents(), Access::of));
    }
  }

  /** {@code {accessRole, expiresAt?}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Access(String accessRole, Long expiresAt) {
    static Access of(Grant grant) {
      return new Access(
          grant.role().wireName(), grant.expiresAt().map(Instant::getEpochSecond).orElse(null));
    }
  }
}
