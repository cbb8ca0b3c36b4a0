package dev.tokenmint.domain.token;

/** The rules for one dialect's tokens: header, claims and lifetime. */
public sealed interface TokenProfile permits VeltProfile, DataforProfile {

  /** The profile's name, as recorded in the audit log. */
  String name();

  /** How long its tokens live. */
  Lifetime lifetime();
}
