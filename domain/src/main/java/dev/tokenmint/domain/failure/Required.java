package dev.tokenmint.domain.failure;

/**
 * The check of a value whose parts are all required, in one line of its compact constructor: a null
 * part is a bug of the code that built it (no public method takes or returns null), so it is a
 * {@link NullPointerException}, never one of the {@link TokenmintException} family.
 */
public final class Required {

  private Required() {}

  /**
   * Checks that no part is null.
   *
   * @throws NullPointerException naming the position of the first null part, counted from 1
   */
  public static void all(Object... parts) {
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == null) {
        throw new NullPointerException(
            "part " + (i + 1) + " of " + parts.length + " is null, and every part is required");
      }
    }
  }
}
