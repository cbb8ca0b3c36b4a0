package dev.tokenmint.bench;

import dev.tokenmint.application.port.in.MintTokenCommand;
import dev.tokenmint.application.port.in.MintedToken;
import dev.tokenmint.application.service.MintTokenService;
import dev.tokenmint.domain.workspace.Caller;
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
 * The in-process mint use case, as an embedder or the HTTP route calls it: {@link MintTokenService}
 * with in-memory stores and the real Nimbus signer on the fastest providers (limits, stored-grant
 * merge, claims, JSON, Base64URL, signature, size check, audit record).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MintBenchmark {

  /** JWS algorithm of the workspace's active key. */
  @Param({"HS256", "ES256", "EdDSA", "RS256", "PS256"})
  public String alg;

  /** Grants in the request. */
  @Param({"1", "3", "10", "100", "1000"})
  public int grants;

  /** Whether native code (ACCP) may be used: {@code TOKENMINT_NATIVE_CRYPTO}. */
  @Param({"true"})
  public boolean nativeCrypto;

  private MintTokenService mint;
  private Caller caller;
  private MintTokenCommand command;

  @Setup
  public void setUp() {
    BenchWorkspace bench = BenchWorkspace.start(nativeCrypto, Tokens.algorithm(alg));
    mint = bench.mint();
    caller = bench.caller();
    command = new MintTokenCommand(Tokens.user(), Tokens.grants(grants));
  }

  @Benchmark
  public MintedToken mint() {
    return mint.mint(caller, command);
  }
}
