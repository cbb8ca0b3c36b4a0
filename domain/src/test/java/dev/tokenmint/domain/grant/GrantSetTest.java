package dev.tokenmint.domain.grant;

import static dev.tokenmint.domain.fixture.Grants.aGrant;
import static dev.tokenmint.domain.fixture.Grants.grantSet;
import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Organization;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantSetTest {

  private final Grant orgViewer = aGrant().onOrganization("org_123").asViewer().build();
  private final Grant docEditor = aGrant().onDocument("doc_456").inOrganization("org_123").build();
  private final Grant folderViewer = aGrant().onFolder("folder_1").asViewer().build();

  @Test
  void keeps_grants_in_their_given_order() {
    GrantSet grants = GrantSet.of(List.of(docEditor, orgViewer, folderViewer));

    assertThat(grants.asList()).containsExactly(docEditor, orgViewer, folderViewer);
    assertThat(grants.size()).isEqualTo(3);
  }

  @Test
  void finds_the_grant_on_exactly_a_resource() {
    GrantSet grants = GrantSet.of(List.of(orgViewer, docEditor));

    assertThat(grants.on(new Organization("org_123"))).contains(orgViewer);
    assertThat(grants.on(new Document("doc_456", "org_123"))).contains(docEditor);
    assertThat(grants.on(new Document("doc_456", "org_999"))).isEmpty();
  }

  @Test
  void the_same_resource_twice_is_refused_naming_both_indexes() {
    Grant sameDocAsViewer =
        aGrant().onDocument("doc_456").inOrganization("org_123").asViewer().build();

    assertThat(violationsOf(() -> GrantSet.of(List.of(docEditor, orgViewer, sameDocAsViewer))))
        .containsExactly(
            new Violation("[2]", "names the same resource as [0]; one grant per resource, please"));
  }

  @Test
  void every_repeat_is_reported_against_the_first_occurrence() {
    List<Violation> violations =
        violationsOf(() -> GrantSet.of(List.of(orgViewer, docEditor, orgViewer, orgViewer)));

    assertThat(violations)
        .extracting(Violation::field, Violation::message)
        .containsExactly(
            tuple("[2]", "names the same resource as [0]; one grant per resource, please"),
            tuple("[3]", "names the same resource as [0]; one grant per resource, please"));
  }

  @Test
  void repeat_paths_read_naturally_under_the_request_field() {
    List<Violation> violations =
        violationsOf(
            () -> {
              try {
                GrantSet.of(List.of(orgViewer, orgViewer));
              } catch (InvalidArgumentException e) {
                throw e.under("permissions.resources");
              }
            });

    assertThat(violations).extracting(Violation::field).containsExactly("permissions.resources[1]");
  }

  @Test
  void same_id_in_another_organization_is_another_resource() {
    Grant inOtherOrg = aGrant().onDocument("doc_456").inOrganization("org_999").build();

    assertThat(GrantSet.of(List.of(docEditor, inOtherOrg)).size()).isEqualTo(2);
  }

  @Test
  void request_grant_wins_over_stored_grant_on_the_same_resource() {
    Grant storedDocViewer =
        aGrant().onDocument("doc_456").inOrganization("org_123").asViewer().build();
    GrantSet request = GrantSet.of(List.of(docEditor));
    GrantSet stored = GrantSet.of(List.of(storedDocViewer));

    assertThat(request.over(stored).asList()).containsExactly(docEditor);
  }

  @Test
  void stored_grants_on_other_resources_are_kept_after_the_request_grants() {
    Grant storedDoc = aGrant().onDocument("doc_456").inOrganization("org_123").asViewer().build();
    GrantSet request = GrantSet.of(List.of(folderViewer, docEditor));
    GrantSet stored = GrantSet.of(List.of(orgViewer, storedDoc));

    assertThat(request.over(stored).asList()).containsExactly(folderViewer, docEditor, orgViewer);
  }

  @Test
  void over_nothing_is_the_request_and_nothing_over_stored_is_stored() {
    GrantSet request = grantSet(aGrant().onDocument());
    GrantSet stored = grantSet(aGrant().onOrganization());

    assertThat(request.over(GrantSet.empty())).isEqualTo(request);
    assertThat(GrantSet.empty().over(stored)).isEqualTo(stored);
  }

  @Test
  void equal_sets_hold_equal_grants_in_the_same_order() {
    assertThat(GrantSet.of(List.of(orgViewer, docEditor)))
        .isEqualTo(GrantSet.of(List.of(orgViewer, docEditor)))
        .hasSameHashCodeAs(GrantSet.of(List.of(orgViewer, docEditor)))
        .isNotEqualTo(GrantSet.of(List.of(docEditor, orgViewer)));
  }

  @Test
  void list_view_cannot_change_the_set() {
    GrantSet grants = GrantSet.of(List.of(orgViewer));

    assertThatThrownBy(() -> grants.asList().add(docEditor))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(grants.size()).isEqualTo(1);
  }
}
