package dev.tokenmint.domain.failure;

/**
 * What a caller can do about a failure when the way out is something only an adapter can name:
 * another operation of the API (a route over HTTP, a method in process) or where credentials go
 * (headers over HTTP). The inner rings name no route and no header: a failure's message states the
 * problem, its remedy is one of these, and the adapter that shows the message appends the advice
 * ({@link #advise}), naming that thing as its callers know it.
 */
public enum Remedy {
  /** Send an API key and an auth token; the adapter names how. */
  SEND_CREDENTIALS(": send %s"),
  /** Store the grants a user keeps (the operation that stores grants), or ask for less. */
  STORE_GRANTS("; store long-lived grants with %s or split the access across narrower resources"),
  /** Remove stored grants (the operation that removes them), or grant on broader resources. */
  REMOVE_STORED_GRANTS(
      "; remove stored grants with %s or grant on the organization or folder instead of each"
          + " document"),
  /** Change the existing membership (the operation that updates members) instead of adding it. */
  UPDATE_MEMBER("; change it with %s"),
  /** Make the user a member first (the operation that adds members). */
  ADD_MEMBER("; add it with %s");

  private final String advice;

  Remedy(String advice) {
    this.advice = advice;
  }

  /**
   * {@code message} followed by this advice, naming the operation or place as {@code named}: {@code
   * "not a member of organization 'o1'; add it with /v2/users/add"}.
   */
  public String advise(String message, String named) {
    return message + advice.formatted(named);
  }
}
