package dev.tokenmint.application.port.in;

import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.token.Lineage;
import dev.tokenmint.domain.verification.VerifiedToken;
import dev.tokenmint.domain.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Exchange a token for a narrower one (RFC 8693 token exchange, down-scoping): no credential, the
 * subject token is the authority. In two steps, as minting authenticates and then mints: {@link
 * #subject} checks the subject token (the caller may count the request against a rate limit then),
 * {@link #exchange} makes the child.
 */
public interface ExchangeToken {

  /**
   * The subject token checked as the authority of an exchange in the workspace with {@code apiKey}
   * (the default workspace when empty): a token of that workspace, valid now by every rule of
   * {@link VerifyToken#verify} (its ancestors not revoked either), with fewer than {@link
   * Lineage#MAX_DEPTH} ancestors. Else why not.
   *
   * @throws dev.tokenmint.domain.failure.NotFoundException when there is no such workspace
   */
  SubjectCheck subject(Optional<String> apiKey, String subjectToken);

  /**
   * A Velt token of the subject's user and workspace carrying exactly {@code requested}, which
   * never allows more than the subject on any resource at any time before it expires ({@link
   * dev.tokenmint.domain.access.NarrowingPolicy}), expiring with the subject, naming it as its
   * parent; the subject's attributes are copied unchanged. Audited.
   *
   * @throws dev.tokenmint.domain.failure.InvalidArgumentException naming the first grant ({@code
   *     [2]}) that would allow more, or when there are more grants than a token may carry
   * @throws dev.tokenmint.domain.failure.FailedPreconditionException when the workspace has no
   *     active signing key
   */
  ExchangedToken exchange(Subject subject, GrantSet requested, Optional<String> requestId);

  /** A verified subject token and its workspace. */
  record Subject(Workspace workspace, VerifiedToken token) {
    /** Both parts are required. */
    public Subject {
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(token, "token");
    }

    /** The subject token's {@code jti}: the child's parent. */
    public String jti() {
      return token.claims().jti();
    }

    /** The tokens the subject was exchanged from, its parent first ({@link Lineage}). */
    public List<String> ancestors() {
      return Lineage.ancestorsOf(token.signature().claims());
    }

    /** The minted token the subject descends from: its farthest ancestor, or itself. */
    public String rootJti() {
      List<String> ancestors = ancestors();
      return ancestors.isEmpty() ? jti() : ancestors.get(ancestors.size() - 1);
    }
  }

  /** What checking a subject token found. */
  sealed interface SubjectCheck permits Accepted, Refused {}

  /** The subject token is a valid authority. */
  record Accepted(Subject subject) implements SubjectCheck {}

  /** The subject token is refused; {@code reason} says why and is safe to show. */
  record Refused(String reason) implements SubjectCheck {}

  /** The child token, its id and times, and the grants it carries. */
  record ExchangedToken(
      String token,
      String jti,
      String parentJti,
      Instant issuedAt,
      Instant expiresAt,
      GrantSet grants) {}
}
