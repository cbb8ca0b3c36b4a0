package dev.tokenmint.adapter.http.error;

import dev.tokenmint.domain.failure.Remedy;
import java.util.Optional;

/**
 * How HTTP callers are told what to do about a failure: the inner rings say which {@link Remedy}
 * applies, and this names it as these callers reach it, by a route or by the credential headers.
 */
public final class Remedies {

  private Remedies() {}

  /** {@code message}, followed by the advice of {@code remedy} when there is one. */
  public static String advised(String message, Optional<Remedy> remedy) {
    return remedy.map(r -> r.advise(message, named(r))).orElse(message);
  }

  private static String named(Remedy remedy) {
    return switch (remedy) {
      case SEND_CREDENTIALS ->
          "x-velt-api-key and x-velt-auth-token, or x-api-key and Authorization: Bearer <auth token>";
      case STORE_GRANTS -> "/v2/auth/permissions/add";
      case REMOVE_STORED_GRANTS -> "/v2/auth/permissions/remove";
      case UPDATE_MEMBER -> "/v2/users/update";
      case ADD_MEMBER -> "/v2/users/add";
    };
  }
}
