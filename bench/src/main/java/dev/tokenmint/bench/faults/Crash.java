package dev.tokenmint.bench.faults;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tokenmint.bench.faults.Client.Answer;
import dev.tokenmint.bench.faults.Client.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * kill -9 during minting and rotation. {@link #load} mints and rotates in one workspace until the
 * server disappears, writing every answer that reached it to a file; after the restart, {@link
 * #check} holds the server to those answers: every key a rotation answered or a token names is in
 * the ring, the ring has exactly one active key, every answered token verifies (by the server and
 * independently against the JWKS), and a token minted now verifies too.
 */
final class Crash {

  private static final String MINT = "/v2/auth/generate_token";
  private static final String ROTATE = "/v2/keys/rotate";
  private static final String KEYS = "/v2/keys/get";
  private static final String VERIFY = "/v2/auth/verify_token";
  private static final String AUDIT = "/v2/audit/get";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Longest a load may run: the script kills the server long before. */
  private static final Duration LONGEST_LOAD = Duration.ofSeconds(60);

  /** Tokens of earlier rounds verified again after each restart, per round. */
  private static final int SAMPLE = 10;

  private Crash() {}

  /**
   * {@code load PORT API_KEY AUTH_TOKEN FILE [WORKERS]}: mint on WORKERS connections and rotate on
   * one until a request fails for want of a server; write the answers to FILE.
   */
  static int load(List<String> args) throws Exception {
    int port = Integer.parseInt(args.get(0));
    String apiKey = args.get(1);
    String authToken = args.get(2);
    Path file = Path.of(args.get(3));
    int workers = args.size() > 4 ? Integer.parseInt(args.get(4)) : 4;
    Client client = new Client(port, apiKey, authToken, TIMEOUT);
    long until = System.nanoTime() + LONGEST_LOAD.toNanos();
    AtomicInteger mintsInFlight = new AtomicInteger();
    boolean[] rotationInFlight = {false};
    try (PrintWriter out =
        new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), false)) {
      Lines lines = new Lines(out);
      lines.write("workspace " + apiKey + " " + authToken);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        threads.add(
            started(
                () -> {
                  for (int n = 0; System.nanoTime() < until; n++) {
                    String body =
                        "{\"userId\":\"u"
                            + worker
                            + "-"
                            + n
                            + "\",\"permissions\":"
                            + "{\"resources\":[{\"type\":\"organization\",\"id\":\"org_1\","
                            + "\"accessRole\":\"viewer\"}]}}";
                    mintsInFlight.incrementAndGet();
                    Optional<Answer> answer = call(() -> client.post(MINT, body));
                    if (answer.isEmpty()) {
                      return; // still counted in flight: the server went away under it
                    }
                    mintsInFlight.decrementAndGet();
                    if (answer.get().status() == 200) {
                      lines.write(
                          "token "
                              + System.currentTimeMillis()
                              + " "
                              + Json.string(answer.get().data(), "token"));
                    } else {
                      lines.write("unexpected mint " + oneLine(answer.get()));
                    }
                  }
                }));
      }
      threads.add(
          started(
              () -> {
                while (System.nanoTime() < until) {
                  rotationInFlight[0] = true;
                  Optional<Answer> answer = call(() -> client.post(ROTATE, "{}"));
                  if (answer.isEmpty()) {
                    return;
                  }
                  rotationInFlight[0] = false;
                  Answer rotated = answer.get();
                  if (rotated.status() == 200) {
                    lines.write(
                        "rotated "
                            + System.currentTimeMillis()
                            + " "
                            + Json.string(rotated.data(), "kid"));
                  } else if (rotated.status() == 400
                      && rotated.body().contains("FAILED_PRECONDITION")) {
                    return; // the ring holds as many keys as may verify at once
                  } else {
                    lines.write("unexpected rotate " + oneLine(rotated));
                  }
                  pause(ThreadLocalRandom.current().nextInt(150));
                }
              }));
      for (Thread thread : threads) {
        thread.join();
      }
      lines.write("inflight-rotation " + (rotationInFlight[0] ? 1 : 0));
      lines.write("inflight-mints " + mintsInFlight.get());
      lines.write("ended " + System.currentTimeMillis());
    }
    return System.nanoTime() < until ? 0 : 1;
  }

  /**
   * {@code check PORT FILE...}: holds the restarted server on PORT to the answers in the files, the
   * last one the round just killed; prints one line; exit code 1 when something is wrong.
   */
  static int check(List<String> args) throws Exception {
    int port = Integer.parseInt(args.get(0));
    List<Round> rounds = new ArrayList<>();
    for (String file : args.subList(1, args.size())) {
      rounds.add(Round.read(Path.of(file)));
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < rounds.size(); i++) {
      Round round = rounds.get(i);
      boolean current = i == rounds.size() - 1;
      Client client = new Client(port, round.apiKey(), round.authToken(), TIMEOUT);
      problems.addAll(round.unexpected());
      try {
        checkRound(client, round, i + 1, current, problems);
      } catch (Exception e) {
        problems.add("round " + (i + 1) + ": " + e);
      }
    }
    Round last = rounds.get(rounds.size() - 1);
    Client client = new Client(port, last.apiKey(), last.authToken(), TIMEOUT);
    Audit audit = new Audit(0, 0);
    try {
      audit = audit(client, last);
    } catch (Exception e) {
      problems.add("reading the audit: " + e);
    }
    System.out.printf(
        "%s tokens %d, rotations %d, in flight at the kill: %d mints, %d rotation; audit: %d of"
            + " %d answered tokens recorded, the missing answered at most %d ms before the last"
            + " answer%s%n",
        problems.isEmpty() ? "ok" : "FAIL",
        last.tokens().size(),
        last.rotated().size(),
        last.mintsInFlight(),
        last.rotationInFlight(),
        last.tokens().size() - audit.missing(),
        last.tokens().size(),
        audit.oldestMissingMs(),
        problems.isEmpty()
            ? ""
            : ": " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    return problems.isEmpty() ? 0 : 1;
  }

  /** Round {@code number}: its keys in the ring, its tokens (a sample unless current) verify. */
  private static void checkRound(
      Client client, Round round, int number, boolean current, List<String> problems)
      throws Exception {
    Set<String> kids = ring(client, round, problems);
    for (String kid : round.rotated()) {
      if (!kids.contains(kid)) {
        problems.add("round " + number + ": rotated key " + kid + " is not in the ring");
      }
    }
    for (String token : current ? round.tokens() : sample(round.tokens())) {
      String kid = SignedJWT.parse(token).getHeader().getKeyID();
      if (!kids.contains(kid)) {
        problems.add("round " + number + ": the key " + kid + " of an answered token is lost");
      } else if (!verifiesOnServer(client, token)) {
        problems.add("round " + number + ": an answered token no longer verifies: " + token);
      }
    }
    if (current) {
      checkCurrent(client, round, problems);
    }
  }

  /** The kids of the round's ring; exactly one active key, or a problem. */
  private static Set<String> ring(Client client, Round round, List<String> problems)
      throws IOException, InterruptedException {
    Answer keys = client.post(KEYS, "{}");
    if (keys.status() != 200) {
      problems.add("keys/get answered " + oneLine(keys));
      return Set.of();
    }
    Set<String> kids = new HashSet<>();
    int active = 0;
    for (Map<String, Object> key : Json.objects(keys.data(), "keys")) {
      kids.add(Json.string(key, "kid"));
      active += "active".equals(key.get("status")) ? 1 : 0;
    }
    if (active != 1) {
      problems.add("workspace " + round.apiKey() + " has " + active + " active keys");
    }
    return kids;
  }

  /** The round just killed: tokens verify against the JWKS, and the ring signs again. */
  private static void checkCurrent(Client client, Round round, List<String> problems)
      throws Exception {
    Answer published = client.get("/workspaces/" + round.apiKey() + "/.well-known/jwks.json");
    if (published.status() != 200) {
      problems.add("the workspace's JWKS answered " + oneLine(published));
      return;
    }
    JWKSet jwks = JWKSet.parse(published.body());
    for (String token : round.tokens()) {
      if (!verifiesAgainst(jwks, token)) {
        problems.add("an answered token does not verify against the JWKS: " + token);
      }
    }
    Answer fresh = client.post(MINT, "{\"userId\":\"after-restart\"}");
    if (fresh.status() != 200) {
      problems.add("minting after the restart answered " + oneLine(fresh));
    } else if (!verifiesOnServer(client, Json.string(fresh.data(), "token"))) {
      problems.add("a token minted after the restart does not verify");
    }
  }

  private static boolean verifiesOnServer(Client client, String token)
      throws IOException, InterruptedException {
    Answer answer = client.post(VERIFY, "{\"token\":\"" + token + "\"}");
    return answer.status() == 200 && Boolean.TRUE.equals(answer.data().get("valid"));
  }

  private static boolean verifiesAgainst(JWKSet jwks, String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
    if (!(key instanceof AsymmetricJWK asymmetric)) {
      return false;
    }
    JWSVerifier verifier =
        new DefaultJWSVerifierFactory()
            .createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
    return jwt.verify(verifier);
  }

  /** How many of the round's answered tokens have no audit record, and how recent they were. */
  record Audit(int missing, long oldestMissingMs) {}

  private static Audit audit(Client client, Round round) throws Exception {
    Set<String> recorded = new HashSet<>();
    String pageToken = "";
    do {
      Answer page =
          client.post(
              AUDIT,
              "{\"kind\":\"token.minted\",\"pageSize\":1000,\"pageToken\":\"" + pageToken + "\"}");
      Map<String, Object> result = Json.object(page.json(), "result");
      for (Map<String, Object> event : Json.objects(result, "data")) {
        Object jti = event.get("jti");
        if (jti instanceof String) {
          recorded.add((String) jti);
        }
      }
      pageToken = result.get("nextPageToken") instanceof String next ? next : "";
    } while (!pageToken.isEmpty());
    long last = round.answeredAt().stream().mapToLong(Long::longValue).max().orElse(0);
    int missing = 0;
    long oldest = 0;
    for (int i = 0; i < round.tokens().size(); i++) {
      String jti = SignedJWT.parse(round.tokens().get(i)).getJWTClaimsSet().getJWTID();
      if (!recorded.contains(jti)) {
        missing++;
        oldest = Math.max(oldest, last - round.answeredAt().get(i));
      }
    }
    return new Audit(missing, oldest);
  }

  private static List<String> sample(List<String> tokens) {
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i += Math.max(1, tokens.size() / SAMPLE)) {
      sample.add(tokens.get(i));
    }
    return sample;
  }

  /** What one round's load file says. */
  record Round(
      String apiKey,
      String authToken,
      List<String> tokens,
      List<Long> answeredAt,
      List<String> rotated,
      List<String> unexpected,
      int mintsInFlight,
      int rotationInFlight) {

    static Round read(Path file) throws IOException {
      String apiKey = "";
      String authToken = "";
      List<String> tokens = new ArrayList<>();
      List<Long> answeredAt = new ArrayList<>();
      List<String> rotated = new ArrayList<>();
      List<String> unexpected = new ArrayList<>();
      int mints = 0;
      int rotation = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] words = line.split(" ", 3);
        switch (words[0]) {
          case "workspace" -> {
            apiKey = words[1];
            authToken = words[2];
          }
          case "token" -> {
            answeredAt.add(Long.parseLong(words[1]));
            tokens.add(words[2]);
          }
          case "rotated" -> rotated.add(words[2]);
          case "unexpected" -> unexpected.add(line);
          case "inflight-mints" -> mints = Integer.parseInt(words[1]);
          case "inflight-rotation" -> rotation = Integer.parseInt(words[1]);
          default -> {}
        }
      }
      return new Round(apiKey, authToken, tokens, answeredAt, rotated, unexpected, mints, rotation);
    }
  }

  /** Lines written whole, one thread at a time, flushed so the script sees the load begin. */
  private record Lines(PrintWriter out) {
    synchronized void write(String line) {
      out.println(line);
      out.flush();
    }
  }

  @FunctionalInterface
  private interface Call {
    Answer send() throws IOException, InterruptedException;
  }

  /** The answer, or empty when the server went away (refused, reset or silent connection). */
  private static Optional<Answer> call(Call call) {
    try {
      return Optional.of(call.send());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static String oneLine(Answer answer) {
    return answer.status() + " " + answer.body().replace('\n', ' ');
  }

  private static Thread started(Runnable work) {
    Thread thread = new Thread(work);
    thread.start();
    return thread;
  }

  private static void pause(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
