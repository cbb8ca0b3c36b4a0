package dev.tokenmint.adapter.http.velt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenmint.adapter.http.auth.Callers;
import dev.tokenmint.adapter.http.json.JsonBodies;
import dev.tokenmint.application.port.in.ManageUsers;
import dev.tokenmint.application.port.in.ManageUsers.MemberView;
import dev.tokenmint.application.port.in.ManageUsers.Membership;
import dev.tokenmint.application.port.in.ManageUsers.MembershipCommand;
import dev.tokenmint.application.port.in.ManageUsers.UserOutcome;
import dev.tokenmint.application.port.in.ManageUsers.UsersPage;
import dev.tokenmint.domain.user.UserProfile;
import dev.tokenmint.domain.workspace.Caller;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Velt's users API: {@code POST /v2/users/add}, {@code /update}, {@code /get} and {@code /delete}.
 * The batch routes answer per user, keyed in request order; the use case is called even when every
 * user was refused here, so that it decides who may call.
 */
public final class UsersHandler {

  static final String PROCESSED = "User(s) processed successfully.";
  static final String RETRIEVED = "User(s) retrieved successfully.";
  static final String DELETED = "User(s) deleted successfully.";

  private final Callers callers;
  private final JsonBodies bodies;
  private final ManageUsers manageUsers;

  /** A handler authenticating with {@code callers} and managing users with {@code manageUsers}. */
  public UsersHandler(Callers callers, JsonBodies bodies, ManageUsers manageUsers) {
    this.callers = callers;
    this.bodies = bodies;
    this.manageUsers = manageUsers;
  }

  /** {@code POST /v2/users/add}. */
  public void add(Context ctx) {
    Caller caller = callers.of(ctx);
    UserBatch<Membership> batch = read(ctx, MembershipRequest.class).toBatch();
    Map<String, UserOutcome> outcomes =
        manageUsers.add(caller, new MembershipCommand(batch.scope(), batch.accepted()));
    answer(ctx, PROCESSED, batch.answer(outcomes));
  }

  /** {@code POST /v2/users/update}. */
  public void update(Context ctx) {
    Caller caller = callers.of(ctx);
    UserBatch<Membership> batch = read(ctx, MembershipRequest.class).toBatch();
    Map<String, UserOutcome> outcomes =
        manageUsers.update(caller, new MembershipCommand(batch.scope(), batch.accepted()));
    answer(ctx, PROCESSED, batch.answer(outcomes));
  }

  /** {@code POST /v2/users/get}. */
  public void get(Context ctx) {
    Caller caller = callers.of(ctx);
    UsersPage page = manageUsers.get(caller, read(ctx, UsersQueryRequest.class).toQuery());
    List<Map<String, Object>> members = page.members().stream().map(UsersHandler::member).toList();
    ctx.header("Cache-Control", "no-store");
    ctx.json(VeltEnvelope.page(RETRIEVED, members, page.nextPageToken()));
  }

  /** {@code POST /v2/users/delete}. */
  public void delete(Context ctx) {
    Caller caller = callers.of(ctx);
    UserBatch<String> batch = read(ctx, DeleteUsersRequest.class).toBatch();
    Map<String, UserOutcome> outcomes = manageUsers.delete(caller, batch.scope(), batch.accepted());
    answer(ctx, DELETED, batch.answer(outcomes));
  }

  private <T> T read(Context ctx, Class<T> type) {
    return bodies.read(ctx.bodyAsBytes(), type, true);
  }

  private static void answer(Context ctx, String message, Map<String, UserOutcome> outcomes) {
    Map<String, Outcome> data = new LinkedHashMap<>();
    outcomes.forEach((key, outcome) -> data.put(key, Outcome.of(outcome)));
    ctx.header("Cache-Control", "no-store");
    ctx.json(VeltEnvelope.success(message, data));
  }

  /**
   * A member as users/get lists it: id, the profile fields that are set ({@code isAdmin} only when
   * true, {@code roles} only when there are any), the role (and expiry) at the scope, and the
   * stored {@code attributes} when there are any.
   */
  private static Map<String, Object> member(MemberView view) {
    UserProfile profile = view.user().profile();
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("userId", view.user().userId());
    put(member, "name", profile.name());
    put(member, "email", profile.email());
    member.put("accessRole", view.grant().role().wireName());
    view.grant().expiresAt().ifPresent(at -> member.put("expiresAt", at.getEpochSecond()));
    if (profile.admin()) {
      member.put("isAdmin", true);
    }
    if (!profile.roles().isEmpty()) {
      member.put("roles", profile.roles());
    }
    put(member, "company", profile.company());
    put(member, "dept", profile.dept());
    put(member, "title", profile.title());
    put(member, "mobile", profile.mobile());
    put(member, "dob", profile.dob());
    put(member, "description", profile.description());
    if (!view.attributes().isEmpty()) {
      member.put("attributes", view.attributes().asMap());
    }
    return member;
  }

  private static void put(Map<String, Object> member, String field, Optional<String> value) {
    value.ifPresent(v -> member.put(field, v));
  }

  /** {@code {"success":…,"id":…,"message":…}}, without the parts an outcome lacks. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Outcome(boolean success, String id, String message) {
    static Outcome of(UserOutcome outcome) {
      return new Outcome(
          outcome.success(), outcome.id().orElse(null), outcome.message().orElse(null));
    }
  }
}
