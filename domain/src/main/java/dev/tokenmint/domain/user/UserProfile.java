package dev.tokenmint.domain.user;

import dev.tokenmint.domain.failure.Violations;
import dev.tokenmint.domain.identifier.Identifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What tokenmint knows of a user besides the id: the Velt profile ({@code name}, {@code email},
 * {@code isAdmin}), roles, and the Datafor profile fields. There is deliberately no password: one
 * given in a request is discarded.
 */
public record UserProfile(
    Optional<String> name,
    Optional<String> email,
    boolean admin,
    List<String> roles,
    Optional<String> company,
    Optional<String> dept,
    Optional<String> title,
    Optional<String> mobile,
    Optional<String> dob,
    Optional<String> description) {

  /** Longest free-text field (name, company, ...), in characters. */
  public static final int MAX_TEXT_LENGTH = 1024;

  /** Most roles a user may have. */
  public static final int MAX_ROLES = 100;

  /** Longest role name, in characters. */
  public static final int MAX_ROLE_LENGTH = 128;

  /** Every field is checked; all problems are reported at once. */
  public UserProfile {
    Objects.requireNonNull(roles, "roles");
    Violations violations = new Violations();
    checkText(violations, "name", name);
    // Messages are built only for a value that breaks a rule: every mint builds a profile.
    email
        .filter(e -> !EmailAddress.isValid(e))
        .ifPresent(e -> violations.add("email", "must be a valid email address, got '" + e + "'"));
    checkRoles(violations, roles);
    checkText(violations, "company", company);
    checkText(violations, "dept", dept);
    checkText(violations, "title", title);
    checkText(violations, "mobile", mobile);
    checkText(violations, "dob", dob);
    checkText(violations, "description", description);
    violations.throwIfAny();
    roles = List.copyOf(roles); // after the checks: a null role is a violation, not an NPE
  }

  /** A profile with nothing but defaults: no name, no email, not an admin, no roles. */
  public static UserProfile empty() {
    return builder().build();
  }

  /** A builder starting from the empty profile. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this profile. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.email = email;
    b.admin = admin;
    b.roles = roles;
    b.company = company;
    b.dept = dept;
    b.title = title;
    b.mobile = mobile;
    b.dob = dob;
    b.description = description;
    return b;
  }

  /**
   * This stored profile updated by {@code update}, field by field: every field the update has
   * replaces the stored one, roles are replaced when the update names any, and the admin flag is
   * true when either says so (false is not told from absent, so an update never clears it). Fields
   * the update leaves out keep their stored values. The one per-field merge rule: see {@link
   * User#over}.
   */
  public UserProfile updatedBy(UserProfile update) {
    return new UserProfile(
        update.name.or(() -> name),
        update.email.or(() -> email),
        admin || update.admin,
        update.roles.isEmpty() ? roles : update.roles,
        update.company.or(() -> company),
        update.dept.or(() -> dept),
        update.title.or(() -> title),
        update.mobile.or(() -> mobile),
        update.dob.or(() -> dob),
        update.description.or(() -> description));
  }

  private static void checkText(Violations violations, String field, Optional<String> value) {
    Objects.requireNonNull(value, field);
    value.ifPresent(
        v -> {
          if (v.length() > MAX_TEXT_LENGTH) {
            violations.add(
                field, "must be at most " + MAX_TEXT_LENGTH + " characters, got " + v.length());
          } else if (violations.require(
              !Identifier.hasControlCharacter(v), field, "must not contain control characters")) {
            // Free text may hold format characters (a joiner in an emoji, a mark in a name), but
            // never a lone surrogate, which every UTF-8 writer would turn into '?'.
            Identifier.wellFormednessProblem(v)
                .ifPresent(problem -> violations.add(field, problem));
          }
        });
  }

  private static void checkRoles(Violations violations, List<String> roles) {
    violations.require(
        roles.size() <= MAX_ROLES,
        "roles",
        "must hold at most " + MAX_ROLES + " roles, got " + roles.size());
    var seen = new HashSet<String>();
    for (int i = 0; i < roles.size(); i++) {
      String role = roles.get(i);
      String field = "roles[" + i + "]";
      if (role == null || role.isEmpty()) {
        violations.add(field, "must be a non-empty string");
      } else if (role.length() > MAX_ROLE_LENGTH) {
        violations.add(field, "must be at most " + MAX_ROLE_LENGTH + " characters");
      } else if (Identifier.characterProblem(role).isPresent()) {
        // A role is compared by resource servers like an id: the identifier rule's characters.
        violations.add(field, Identifier.characterProblem(role).get());
      } else if (!seen.add(role)) {
        violations.add(field, "repeats the role '" + role + "'");
      }
    }
  }

  /** Builds a {@link UserProfile}; absent fields stay empty. */
  public static final class Builder {
    private Optional<String> name = Optional.empty();
    private Optional<String> email = Optional.empty();
    private boolean admin;
    private List<String> roles = List.of();
    private Optional<String> company = Optional.empty();
    private Optional<String> dept = Optional.empty();
    private Optional<String> title = Optional.empty();
    private Optional<String> mobile = Optional.empty();
    private Optional<String> dob = Optional.empty();
    private Optional<String> description = Optional.empty();

    private Builder() {}

    /** Display name; null means absent. */
    public Builder name(String value) {
      this.name = Optional.ofNullable(value);
      return this;
    }

    /** Email address; null means absent. */
    public Builder email(String value) {
      this.email = Optional.ofNullable(value);
      return this;
    }

    /** The admin flag: a claim in the token, never an access bypass. */
    public Builder admin(boolean value) {
      this.admin = value;
      return this;
    }

    /** Role names, in order. */
    public Builder roles(List<String> value) {
      this.roles = new ArrayList<>(value);
      return this;
    }

    /** Company; null means absent. */
    public Builder company(String value) {
      this.company = Optional.ofNullable(value);
      return this;
    }

    /** Department; null means absent. */
    public Builder dept(String value) {
      this.dept = Optional.ofNullable(value);
      return this;
    }

    /** Job title; null means absent. */
    public Builder title(String value) {
      this.title = Optional.ofNullable(value);
      return this;
    }

    /** Mobile number; null means absent. */
    public Builder mobile(String value) {
      this.mobile = Optional.ofNullable(value);
      return this;
    }

    /** Date of birth, as given; null means absent. */
    public Builder dob(String value) {
      this.dob = Optional.ofNullable(value);
      return this;
    }

    /** Free description; null means absent. */
    public Builder description(String value) {
      this.description = Optional.ofNullable(value);
      return this;
    }

    /**
     * The profile.
     *
     * @throws dev.tokenmint.domain.failure.InvalidArgumentException when a field breaks its rule
     */
    public UserProfile build() {
      return new UserProfile(
          name, email, admin, roles, company, dept, title, mobile, dob, description);
    }
  }
}
