package dev.tokenmint.domain.access;

import dev.tokenmint.domain.failure.InvalidArgumentException;
import dev.tokenmint.domain.identifier.Identifier;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The resource an access question is about, with the folder a document lives in when the caller
 * knows it ({@code folderId} is meaningful for documents only).
 */
public record AccessTarget(Resource resource, Optional<String> folderId) {

  /** A document may name its folder; other resources may not. */
  public AccessTarget {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(folderId, "folderId");
    if (folderId.isPresent()) {
      if (!(resource instanceof Document)) {
        throw new InvalidArgumentException("folderId", "is only meaningful for a document");
      }
      Identifier.require("folderId", folderId.get());
    }
  }

  /** A question about {@code resource} alone. */
  public static AccessTarget of(Resource resource) {
    return new AccessTarget(resource, Optional.empty());
  }

  /** The resources whose grants decide, the most specific first: document, folder, organization. */
  public List<Resource> chain() {
    List<Resource> chain = new ArrayList<>(3);
    chain.add(resource);
    if (resource instanceof Document document) {
      folderId.ifPresent(folder -> chain.add(new Folder(folder, document.organizationId())));
    }
    if (!(resource instanceof Organization)) {
      chain.add(new Organization(resource.organizationId()));
    }
    return List.copyOf(chain);
  }
}
