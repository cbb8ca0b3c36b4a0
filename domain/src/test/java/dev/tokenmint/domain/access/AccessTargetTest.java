package dev.tokenmint.domain.access;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessTargetTest {

  private static final Document DOC = new Document("doc_456", "org_123");

  @Test
  void document_in_a_folder_is_decided_by_document_then_folder_then_organization() {
    AccessTarget target = new AccessTarget(DOC, Optional.of("folder_1"));

    assertThat(target.chain())
        .containsExactly(DOC, new Folder("folder_1", "org_123"), new Organization("org_123"));
  }

  @Test
  void document_alone_is_decided_by_document_then_organization() {
    assertThat(AccessTarget.of(DOC).chain()).containsExactly(DOC, new Organization("org_123"));
  }

  @Test
  void folder_is_decided_by_folder_then_organization() {
    Folder folder = new Folder("folder_1", "org_123");

    assertThat(AccessTarget.of(folder).chain())
        .containsExactly(folder, new Organization("org_123"));
  }

  @Test
  void organization_is_decided_by_itself_alone() {
    assertThat(AccessTarget.of(new Organization("org_123")).chain())
        .containsExactly(new Organization("org_123"));
  }

  @Test
  void folder_id_is_refused_for_a_folder_or_an_organization() {
    String rule = "is only meaningful for a document";

    assertThat(
            violationsOf(
                () -> new AccessTarget(new Folder("folder_1", "org_123"), Optional.of("folder_0"))))
        .containsExactly(new Violation("folderId", rule));
    assertThat(
            violationsOf(
                () -> new AccessTarget(new Organization("org_123"), Optional.of("folder_1"))))
        .containsExactly(new Violation("folderId", rule));
  }

  @Test
  void folder_id_follows_the_identifier_rule() {
    assertThat(violationsOf(() -> new AccessTarget(DOC, Optional.of(""))))
        .containsExactly(new Violation("folderId", "is required and must not be empty"));
    assertThat(violationsOf(() -> new AccessTarget(DOC, Optional.of("f\n1"))))
        .containsExactly(new Violation("folderId", "must not contain control characters"));
  }

  @Test
  void a_question_names_one_resource_never_a_prefix_pattern() {
    String rule = "must name one resource exactly: '*' is reserved for prefix grants";

    assertThat(violationsOf(() -> AccessTarget.of(new Document("report_*", "org_123"))))
        .containsExactly(new Violation("id", rule));
    assertThat(violationsOf(() -> AccessTarget.of(new Folder("*", "org_123"))))
        .containsExactly(new Violation("id", rule));
    assertThat(violationsOf(() -> new AccessTarget(DOC, Optional.of("folder_*"))))
        .containsExactly(new Violation("folderId", rule));
    assertThat(violationsOf(() -> new AccessTarget(DOC, Optional.of("fol*der"))))
        .containsExactly(new Violation("folderId", rule));
  }
}
