package dev.tokenmint.bench.faults;

import com.nimbusds.jwt.SignedJWT;
import dev.tokenmint.bench.faults.Client.Answer;
import dev.tokenmint.bench.faults.Client.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database stopped and started under load: minting on every instance all along, the database
 * stopped fast, then immediately (as by a crash), each time started again after a while. Only 200
 * and 503 may come back, each within the client's timeout, and every instance must mint and be
 * ready again soon after the database is back.
 */
final class Outage {

  private static final String MINT = "/v2/auth/generate_token";
  private static final int WORKERS_PER_INSTANCE = 4;

  /** How soon after the database is back each instance must mint and be ready again. */
  static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

  private Outage() {}

  /**
   * {@code outage PORTS API_KEY AUTH_TOKEN JTI_FILE TIMEOUT_S DOWN_S SETTLE_S STOP_FAST
   * STOP_IMMEDIATE START}: PORTS comma-separated; the last three are shell commands that stop and
   * start the database. Writes the jti of every token answered to JTI_FILE.
   */
  static int run(List<String> args) throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (String port : args.get(0).split(",")) {
      ports.add(Integer.parseInt(port));
    }
    String apiKey = args.get(1);
    String authToken = args.get(2);
    Path jtiFile = Path.of(args.get(3));
    Duration timeout = Duration.ofSeconds(Long.parseLong(args.get(4)));
    Duration down = Duration.ofSeconds(Long.parseLong(args.get(5)));
    Duration settle = Duration.ofSeconds(Long.parseLong(args.get(6)));
    String stopFast = args.get(7);
    String stopImmediate = args.get(8);
    String start = args.get(9);

    Map<Integer, AtomicLong> statuses = new TreeMap<>();
    List<String> odd = new ArrayList<>();
    AtomicLong timeouts = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong slowest = new AtomicLong();
    // per instance: when it first answered a token, and said ready, since the database came back
    Map<Integer, Since> minted = new ConcurrentHashMap<>();
    Map<Integer, Since> ready = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    try (PrintWriter jtis =
        new PrintWriter(Files.newBufferedWriter(jtiFile, StandardCharsets.UTF_8))) {
      for (int port : ports) {
        minted.put(port, new Since());
        ready.put(port, new Since());
        Client client = new Client(port, apiKey, authToken, timeout);
        for (int w = 0; w < WORKERS_PER_INSTANCE; w++) {
          threads.add(
              started(
                  () -> {
                    while (running.get()) {
                      long begun = System.nanoTime();
                      try {
                        Answer answer = client.post(MINT, "{\"userId\":\"outage\"}");
                        slowest.accumulateAndGet(
                            (System.nanoTime() - begun) / 1_000_000, Math::max);
                        synchronized (statuses) {
                          statuses
                              .computeIfAbsent(answer.status(), s -> new AtomicLong())
                              .incrementAndGet();
                        }
                        if (answer.status() == 200) {
                          String token = Json.string(answer.data(), "token");
                          String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
                          synchronized (jtis) {
                            jtis.println(jti);
                          }
                          minted.get(port).saw();
                        } else if (answer.status() != 503) {
                          synchronized (odd) {
                            if (odd.size() < 3) {
                              odd.add(Crash.oneLine(answer));
                            }
                          }
                        }
                      } catch (HttpTimeoutException e) {
                        timeouts.incrementAndGet();
                      } catch (IOException | java.text.ParseException e) {
                        failures.incrementAndGet();
                        synchronized (odd) {
                          if (odd.size() < 3) {
                            odd.add(e.toString());
                          }
                        }
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  }));
        }
        threads.add(
            started(
                () -> {
                  while (running.get()) {
                    try {
                      if (client.get("/health/ready").status() == 200) {
                        ready.get(port).saw();
                      }
                      Thread.sleep(100);
                    } catch (IOException e) {
                      // counted by the minting workers
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }));
      }

      List<String> recoveries = new ArrayList<>();
      boolean recovered = true;
      Thread.sleep(settle.toMillis());
      for (String[] stop : new String[][] {{"fast", stopFast}, {"immediate", stopImmediate}}) {
        shell(stop[1]);
        Thread.sleep(down.toMillis());
        shell(start);
        minted.values().forEach(Since::reset);
        ready.values().forEach(Since::reset);
        Thread.sleep(settle.toMillis());
        for (int port : ports) {
          long mintingAgain = minted.get(port).millis();
          long readyAgain = ready.get(port).millis();
          recoveries.add(
              "port "
                  + port
                  + " after the "
                  + stop[0]
                  + " stop: minting again "
                  + describe(mintingAgain)
                  + ", ready "
                  + describe(readyAgain));
          recovered &=
              mintingAgain >= 0
                  && readyAgain >= 0
                  && mintingAgain <= RECOVERY_BOUND.toMillis()
                  && readyAgain <= RECOVERY_BOUND.toMillis();
        }
      }
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }

      long others = 0;
      StringBuilder counts = new StringBuilder();
      for (Map.Entry<Integer, AtomicLong> status : statuses.entrySet()) {
        counts
            .append(counts.length() == 0 ? "" : ", ")
            .append(status.getValue())
            .append(" x ")
            .append(status.getKey());
        others += status.getKey() == 200 || status.getKey() == 503 ? 0 : status.getValue().get();
      }
      boolean ok = others == 0 && timeouts.get() == 0 && failures.get() == 0 && recovered;
      System.out.printf(
          "%s answers: %s; %d past the client's timeout of %d s, %d connection failures, slowest"
              + " answer %d ms; %s%s%n",
          ok ? "ok" : "FAIL",
          counts,
          timeouts.get(),
          timeout.toSeconds(),
          failures.get(),
          slowest.get(),
          String.join("; ", recoveries),
          odd.isEmpty() ? "" : "; unexpected: " + String.join(" | ", odd));
      return ok ? 0 : 1;
    }
  }

  /** When something first happened since a moment (the database being back). */
  private static final class Since {
    private volatile long since = Long.MAX_VALUE;
    private final AtomicLong first = new AtomicLong();

    void reset() {
      first.set(0);
      since = System.currentTimeMillis();
    }

    void saw() {
      long now = System.currentTimeMillis();
      if (now >= since) {
        first.compareAndSet(0, now);
      }
    }

    /** Milliseconds from the moment to the first time since, or -1: not yet. */
    long millis() {
      long at = first.get();
      return at == 0 ? -1 : at - since;
    }
  }

  private static String describe(long millis) {
    return millis < 0 ? "never" : "after " + millis + " ms";
  }

  private static void shell(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("failed (" + process.exitValue() + "): " + command);
    }
  }

  private static Thread started(Runnable work) {
    Thread thread = new Thread(work);
    thread.start();
    return thread;
  }
}
