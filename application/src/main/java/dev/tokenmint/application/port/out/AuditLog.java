package dev.tokenmint.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Where a record of every minted token goes. Never the token, never a secret. */
public interface AuditLog {

  /** Records one minted token. */
  void record(MintRecord record);

  /** The workspace's latest records, newest first, at most {@code limit}. */
  List<MintRecord> recent(String workspaceId, int limit);

  /** One minted token: when, in which workspace, by which credential, for whom, what. */
  record MintRecord(
      Instant at,
      String workspaceId,
      String credentialId,
      String userId,
      String jti,
      int grantCount,
      String profile) {
    /** Every part is required; {@code jti} is empty for profiles that have none. */
    public MintRecord {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(workspaceId, "workspaceId");
      Objects.requireNonNull(credentialId, "credentialId");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(jti, "jti");
      Objects.requireNonNull(profile, "profile");
    }
  }
}
