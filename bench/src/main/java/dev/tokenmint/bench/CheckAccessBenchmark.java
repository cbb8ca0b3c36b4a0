package dev.tokenmint.bench;

import dev.tokenmint.adapter.crypto.NimbusTokenVerifier;
import dev.tokenmint.application.memory.InMemoryRevocationList;
import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.VerifyToken.AccessCheck;
import dev.tokenmint.application.service.VerificationService;
import dev.tokenmint.domain.access.AccessDecision;
import dev.tokenmint.domain.access.AccessPolicy;
import dev.tokenmint.domain.access.AccessTarget;
import dev.tokenmint.domain.grant.AccessRole;
import dev.tokenmint.domain.grant.Grant;
import dev.tokenmint.domain.grant.GrantSet;
import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.resource.Document;
import dev.tokenmint.domain.resource.Folder;
import dev.tokenmint.domain.resource.Organization;
import dev.tokenmint.domain.workspace.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * check_access with 1, 10 and 1 000 grants, exact grants only or prefix and exact grants mixed:
 * {@code checkAccess} is the whole in-process use case ({@link VerificationService#checkAccess}: an
 * ES256 signature, the claims' rules, the grants read from the token, the access rule), {@code
 * decide} the access rule alone ({@link AccessPolicy#effectiveAccess} on grants already read).
 *
 * <p>The question is a document in a folder, answered at the level each set makes the most work of:
 * with exact grants only, no document or folder grant names it and the organization decides (every
 * level looked up); mixed, half the other grants are prefixes of several lengths, none of which
 * matches but {@code doc_*}, which decides after the exact document misses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CheckAccessBenchmark {

  /** Grants the token carries. */
  @Param({"1", "10", "1000"})
  public int grants;

  /** {@code exact}: exact grants only; {@code mixed}: half of them prefix grants. */
  @Param({"exact", "mixed"})
  public String mix;

  private VerificationService verification;
  private Caller caller;
  private String token;
  private GrantSet grantSet;
  private AccessTarget target;
  private Instant now;

  @Setup
  public void setUp() {
    BenchWorkspace bench = BenchWorkspace.start(true, SigningAlgorithm.ES256);
    Clock clock = bench.clock();
    caller = bench.caller();
    grantSet = GrantSet.of(grantList(grants, mix.equals("mixed")));
    token = bench.mint().mint(caller, new MintTokenCommand(Tokens.user(), grantSet)).token();
    verification =
        new VerificationService(
            bench.keys(),
            new NimbusTokenVerifier(bench.masterKey(), bench.providers()),
            new InMemoryRevocationList(),
            bench.audit(),
            clock,
            Duration.ofSeconds(60),
            128 * 1024);
    target = new AccessTarget(new Document("doc_target", "org_1"), Optional.of("folder_target"));
    now = clock.instant();
    AccessDecision expected = AccessPolicy.effectiveAccess(grantSet, target, now);
    if (!(expected instanceof AccessDecision.Allowed)) {
      throw new IllegalStateException("the question must be allowed: " + expected);
    }
  }

  /**
   * The grants: the deciding one first (the organization, or {@code doc_*} when mixed), then
   * documents and folders in turn, every other one a prefix when mixed.
   */
  static List<Grant> grantList(int n, boolean mixed) {
    List<Grant> list = new ArrayList<>(n);
    list.add(
        mixed
            ? Grant.of(new Document("doc_*", "org_1"), AccessRole.VIEWER)
            : Grant.of(new Organization("org_1"), AccessRole.VIEWER));
    for (int i = 1; i < n; i++) {
      boolean prefix = mixed && i % 2 == 1;
      String id = (i % 4 < 2 ? "doc_" : "folder_") + i + (prefix ? "_*" : "");
      list.add(
          Grant.of(
              i % 4 < 2 ? new Document(id, "org_1") : new Folder(id, "org_1"), AccessRole.EDITOR));
    }
    return list;
  }

  /** The whole use case, from the token string. */
  @Benchmark
  public AccessCheck checkAccess() {
    return verification.checkAccess(caller, token, target);
  }

  /** The access rule alone, on the grants already read. */
  @Benchmark
  public AccessDecision decide() {
    return AccessPolicy.effectiveAccess(grantSet, target, now);
  }
}
