package dev.tokenmint.domain.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a token came from when it was made by token exchange (RFC 8693): {@value #PARENT} names the
 * subject token's {@code jti}, and {@value #ANCESTORS} every ancestor's, nearest first (the parent,
 * its parent, …). A minted token has neither. A token carries its whole ancestry so that revoking
 * any ancestor refuses it with one lookup per generation and nothing else read; the ancestry is
 * bounded ({@link #MAX_DEPTH}), so that lookup is too.
 */
public final class Lineage {

  /** The claim naming the parent's {@code jti}. */
  public static final String PARENT = "tokenmint_parent";

  /** The claim listing every ancestor's {@code jti}, the parent first. */
  public static final String ANCESTORS = "tokenmint_ancestors";

  /**
   * The most generations above a token: a minted token may be exchanged, its child too, and so on,
   * until a token has this many ancestors; that one cannot be exchanged again.
   */
  public static final int MAX_DEPTH = 4;

  private Lineage() {}

  /**
   * The ancestors' {@code jti}s, the parent first; empty for a minted token. Reads claims that
   * {@link #problem} found nothing wrong with.
   */
  public static List<String> ancestorsOf(TokenClaims claims) {
    Optional<Object> ancestors = claims.get(ANCESTORS);
    if (ancestors.isEmpty() || !(ancestors.get() instanceof List<?> list)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(list.size());
    for (Object id : list) {
      ids.add((String) id);
    }
    return List.copyOf(ids);
  }

  /**
   * What is wrong with the lineage claims, if anything: both or neither present; the ancestors an
   * array of 1 to {@link #MAX_DEPTH} non-empty strings whose first is the parent. Fails closed: a
   * lineage that does not read exactly would let a revoked ancestor go unnoticed.
   */
  public static Optional<String> problem(TokenClaims claims) {
    Optional<Object> parent = claims.get(PARENT);
    Optional<Object> ancestors = claims.get(ANCESTORS);
    if (parent.isEmpty() && ancestors.isEmpty()) {
      return Optional.empty();
    }
    if (!(parent.orElse(null) instanceof String id) || id.isEmpty()) {
      return Optional.of(PARENT + " must be the parent's jti, with " + ANCESTORS);
    }
    if (!(ancestors.orElse(null) instanceof List<?> list)
        || list.isEmpty()
        || list.size() > MAX_DEPTH
        || !list.stream().allMatch(a -> a instanceof String text && !text.isEmpty())) {
      return Optional.of(
          ANCESTORS + " must be an array of 1 to " + MAX_DEPTH + " jti strings, with " + PARENT);
    }
    if (!list.get(0).equals(id)) {
      return Optional.of(ANCESTORS + " must begin with " + PARENT);
    }
    return Optional.empty();
  }
}
