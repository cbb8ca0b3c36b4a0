package dev.tokenmint.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViolationTest {

  @Test
  void an_index_under_a_prefix_joins_without_a_dot() {
    assertThat(new Violation("[2]", "bad").under("resources"))
        .isEqualTo(new Violation("resources[2]", "bad"));
  }

  @Test
  void a_field_under_a_prefix_joins_with_a_dot() {
    assertThat(new Violation("id", "bad").under("resources"))
        .isEqualTo(new Violation("resources.id", "bad"));
  }

  @Test
  void an_empty_field_under_a_prefix_becomes_the_prefix() {
    assertThat(new Violation("", "bad").under("resources"))
        .isEqualTo(new Violation("resources", "bad"));
  }

  @Test
  void an_empty_prefix_changes_nothing() {
    assertThat(new Violation("id", "bad").under("")).isEqualTo(new Violation("id", "bad"));
  }

  @Test
  void nested_prefixes_build_a_json_path() {
    Violation nested =
        new Violation("accessRole", "bad").under("[2]").under("resources").under("permissions");

    assertThat(nested.field()).isEqualTo("permissions.resources[2].accessRole");
  }

  @Test
  void describe_names_the_field_unless_it_is_empty() {
    assertThat(new Violation("id", "is required").describe()).isEqualTo("id: is required");
    assertThat(new Violation("", "body is empty").describe()).isEqualTo("body is empty");
  }

  @Test
  void invalid_argument_exception_moves_every_violation_under_the_prefix() {
    InvalidArgumentException failure =
        new InvalidArgumentException(
            List.of(new Violation("[0]", "first"), new Violation("id", "second")));

    InvalidArgumentException moved = failure.under("resources");

    assertThat(moved.violations())
        .containsExactly(
            new Violation("resources[0]", "first"), new Violation("resources.id", "second"));
    assertThat(moved.getMessage()).isEqualTo("resources[0]: first; resources.id: second");
  }

  @Test
  void invalid_argument_exception_needs_a_violation() {
    assertThatIllegalArgumentException().isThrownBy(() -> new InvalidArgumentException(List.of()));
  }

  @Test
  void violations_collects_nested_failures_under_their_prefix_and_throws_them_all() {
    Violations violations = new Violations();
    violations.require(false, "userId", "is required");
    Optional<Object> nested =
        violations.collect(
            "resources[1]",
            () -> {
              throw new InvalidArgumentException("type", "is unknown");
            });

    assertThat(nested).isEmpty();
    InvalidArgumentException thrown =
        catchThrowableOfType(InvalidArgumentException.class, violations::throwIfAny);
    assertThat(thrown.violations())
        .containsExactly(
            new Violation("userId", "is required"),
            new Violation("resources[1].type", "is unknown"));
  }

  @Test
  void violations_without_findings_throws_nothing() {
    Violations violations = new Violations();
    assertThat(violations.require(true, "userId", "is required")).isTrue();
    assertThat(violations.isEmpty()).isTrue();
    violations.throwIfAny();
  }

  @Test
  void each_failure_has_its_own_kind() {
    List<TokenmintException> failures =
        List.of(
            new InvalidArgumentException("f", "m"),
            new UnauthenticatedException("m"),
            new PermissionDeniedException("m"),
            new NotFoundException("m"),
            new AlreadyExistsException("m"),
            new FailedPreconditionException("m"),
            new ResourceExhaustedException("m"),
            new UnavailableException("m"));

    assertThat(failures).extracting(TokenmintException::kind).containsExactly(FailureKind.values());
  }
}
