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

  @ParameterizedTest
  @ValueSource(strings = {"folder", "document"})
  void folder_and_document_ids_may_end_in_a_star_making_a_prefix_pattern(String type) {
    Resource pattern = Resource.of(type, "report_*", Optional.of("org_123"));

    assertThat(pattern.isPrefix()).isTrue();
    assertThat(pattern.prefix()).isEqualTo("report_");
    assertThat(pattern.id()).isEqualTo("report_*");
    assertThat(Resource.of(type, "*", Optional.of("org_123")).prefix()).isEmpty();
    assertThat(Resource.of(type, "report_1", Optional.of("org_123")).isPrefix()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*report", "re*port", "report**", "**", "a*b*"})
  void a_star_anywhere_but_at_the_end_is_refused(String id) {
    assertThat(violationsOf(() -> Resource.of("document", id, Optional.of("org_123"))))
        .containsExactly(
            new Violation(
                "id",
                "may hold '*' only as its last character, where it makes a prefix grant"
                    + " ('report_*' covers every id that starts with 'report_')"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "org_*", "o*rg"})
  void an_organization_never_takes_a_star(String id) {
    String rule =
        "must not contain '*': an organization is always named exactly (prefix grants such as"
            + " 'report_*' are for folders and documents)";

    assertThat(violationsOf(() -> Resource.of("organization", id, Optional.empty())))
        .containsExactly(new Violation("id", rule));
    assertThat(violationsOf(() -> Resource.of("folder", "f_*", Optional.of(id))))
        .containsExactly(new Violation("organizationId", rule));
    assertThat(violationsOf(() -> new Organization(id))).containsExactly(new Violation("id", rule));
  }

  @Test
  void a_prefix_pattern_is_at_most_the_id_limit_with_its_star() {
    String longest = "p".repeat(255) + "*";

    assertThat(new Document(longest, "org_123").prefix()).hasSize(255);
    assertThat(violationsOf(() -> new Document("p".repeat(256) + "*", "org_123")))
        .containsExactly(
            new Violation(
                "id",
                "must be at most 256 characters with its '*' (a prefix of at most 255), got 257"));
  }

  @Test
  void a_prefix_pattern_covers_ids_of_its_type_and_organization_that_start_with_its_prefix() {
    Document reports = new Document("report_*", "org_123");

    assertThat(reports.covers(new Document("report_2024", "org_123"))).isTrue();
    assertThat(reports.covers(new Document("report_", "org_123"))).isTrue();
    assertThat(reports.covers(new Document("report", "org_123"))).isFalse();
    assertThat(reports.covers(new Document("Report_2024", "org_123"))).isFalse();
    assertThat(reports.covers(new Document("report_2024", "org_999"))).isFalse();
    assertThat(reports.covers(new Folder("report_2024", "org_123"))).isFalse();
    assertThat(new Folder("*", "org_123").covers(new Folder("anything", "org_123"))).isTrue();
    assertThat(new Folder("*", "org_123").covers(new Organization("org_123"))).isFalse();
  }

  @Test
  void an_exact_resource_covers_only_itself() {
    Document doc = new Document("doc_456", "org_123");

    assertThat(doc.covers(new Document("doc_456", "org_123"))).isTrue();
    assertThat(doc.covers(new Document("doc_4567", "org_123"))).isFalse();
    assertThat(new Organization("org_123").covers(doc)).isFalse();
  }

  @Test
  void a_pattern_is_its_own_resource_distinct_from_the_ids_it_covers() {
    assertThat(new Document("report_*", "org_123"))
        .isNotEqualTo(new Document("report_", "org_123"));
    assertThat(new Document("report_*", "org_123")).isEqualTo(new Document("report_*", "org_123"));
  }
}
