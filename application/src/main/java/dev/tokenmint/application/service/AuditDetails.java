package dev.tokenmint.application.service;

import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How audit events describe resources and grants, the same in every service. */
final class AuditDetails {

  private AuditDetails() {}

  /** {@code organization 'o1'}, {@code document 'd1' of organization 'o1'}. */
  static String scope(Resource resource) {
    return resource instanceof Organization
        ? resource.describe()
        : resource.describe() + " of organization '" + resource.organizationId() + "'";
  }

  /**
   * {@code 2 grants: organization 'o1' editor, document 'd1' of organization 'o1' viewer until …}.
   */
  static String grants(List<Grant> grants) {
    return counted(
        grants,
        "grant",
        grant ->
            scope(grant.resource())
                + " "
                + grant.role().wireName()
                + grant.expiresAt().map(at -> " until " + at).orElse(""));
  }

  /** {@code 1 grant: folder 'f1' of organization 'o1'}. */
  static String resources(List<Resource> resources) {
    return counted(resources, "grant", AuditDetails::scope);
  }

  /** The count, then each item; long lists are clipped by the event. */
  private static <T> String counted(List<T> items, String noun, Function<T, String> describe) {
    return items.size()
        + " "
        + noun
        + (items.size() == 1 ? "" : "s")
        + ": "
        + items.stream().map(describe).collect(Collectors.joining(", "));
  }
}
