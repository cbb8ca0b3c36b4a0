package dev.tokenmint.domain.resource;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTest {

  @Test
  void organization_needs_no_organization_id() {
    Resource organization = Resource.of("organization", "org_123", Optional.empty());

    assertThat(organization).isEqualTo(new Organization("org_123"));
    assertThat(organization.type()).isEqualTo(ResourceType.ORGANIZATION);
    assertThat(organization.organizationId()).isEqualTo("org_123");
  }

  @Test
  void organization_may_repeat_its_id_as_organization_id() {
    assertThat(Resource.of("organization", "org_123", Optional.of("org_123")))
        .isEqualTo(new Organization("org_123"));
  }

  @Test
  void organization_with_another_organization_id_is_refused() {
    assertThat(violationsOf(() -> Resource.of("organization", "org_123", Optional.of("org_999"))))
        .containsExactly(
            new Violation("organizationId", "must be omitted or equal to id for an organization"));
  }

  @Test
  void folder_and_document_belong_to_their_organization() {
    assertThat(Resource.of("folder", "folder_1", Optional.of("org_123")))
        .isEqualTo(new Folder("folder_1", "org_123"));
    assertThat(Resource.of("document", "doc_456", Optional.of("org_123")))
        .isEqualTo(new Document("doc_456", "org_123"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"folder", "document"})
  void organization_id_is_required_for_folders_and_documents(String type) {
    assertThat(violationsOf(() -> Resource.of(type, "x_1", Optional.empty())))
        .containsExactly(
            new Violation("organizationId", "is required when type is '" + type + "'"));
  }

  @Test
  void empty_organization_id_is_refused() {
    assertThat(violationsOf(() -> Resource.of("document", "doc_456", Optional.of(""))))
        .containsExactly(new Violation("organizationId", "is required and must not be empty"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Document", "DOCUMENT", "doc", "documents", " document", "workspace", ""})
  void type_outside_the_lowercase_set_is_refused_listing_the_allowed_values(String type) {
    assertThat(violationsOf(() -> Resource.of(type, "doc_456", Optional.of("org_123"))))
        .containsExactly(
            new Violation(
                "type", "must be one of [organization, folder, document], got '" + type + "'"));
  }

  @Test
  void missing_type_is_refused_listing_the_allowed_values() {
    assertThat(violationsOf(() -> Resource.of(null, "doc_456", Optional.of("org_123"))))
        .containsExactly(
            new Violation("type", "is required; allowed values: [organization, folder, document]"));
  }

  @Test
  void bad_type_and_missing_id_are_reported_together() {
    assertThat(violationsOf(() -> Resource.of("doc", "", Optional.of("org_123"))))
        .extracting(Violation::field)
        .containsExactly("type", "id");
  }

  @Test
  void missing_id_and_missing_organization_id_are_reported_together() {
    assertThat(violationsOf(() -> Resource.of("folder", null, Optional.empty())))
        .extracting(Violation::field)
        .containsExactly("id", "organizationId");
  }

  @Test
  void resources_are_the_same_only_with_the_same_type_id_and_organization() {
    assertThat(new Document("doc_456", "org_123")).isEqualTo(new Document("doc_456", "org_123"));
    assertThat(new Document("doc_456", "org_123")).isNotEqualTo(new Document("doc_456", "org_999"));
    assertThat((Resource) new Document("x", "org_123")).isNotEqualTo(new Folder("x", "org_123"));
  }
}
