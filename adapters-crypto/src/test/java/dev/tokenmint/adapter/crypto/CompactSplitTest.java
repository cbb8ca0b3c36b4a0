package dev.tokenmint.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verifier's hand-written split of a compact JWS accepts exactly what the regular expression it
 * replaced did, and returns the same three parts.
 */
class CompactSplitTest {

  private static final Pattern REFERENCE =
      Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)");

  private static Optional<List<String>> reference(String token) {
    Matcher parts = REFERENCE.matcher(token);
    if (!parts.matches() || parts.group(1).length() % 4 == 1 || parts.group(2).length() % 4 == 1) {
      return Optional.empty();
    }
    return Optional.of(List.of(parts.group(1), parts.group(2), parts.group(3)));
  }

  @Test
  void splits_strings_near_a_compact_jws_as_the_regular_expression_does() {
    String alphabet = "aZ09-_......=+/ \u00e9";
    Random random = new Random(11);
    List<String> samples =
        new ArrayList<>(
            List.of(
                "",
                ".",
                "..",
                "a..",
                ".a.",
                "a.a.",
                "ab.ab.",
                "abcd.abcd.sig",
                "abcde.ab.c",
                "ab.abcde.c",
                "ab.ab.c.d",
                "ab.ab.c=",
                "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
    String partAlphabet = "aZ09-_aZ09-_aZ09-_.=+/ \u00e9";
    for (int i = 0; i < 20_000; i++) {
      samples.add(
          i % 2 == 0
              ? randomText(random, alphabet, 14)
              : randomText(random, partAlphabet, 7)
                  + "."
                  + randomText(random, partAlphabet, 7)
                  + "."
                  + randomText(random, partAlphabet, 5));
    }
    int accepted = 0;
    for (String token : samples) {
      Optional<List<String>> split = NimbusTokenVerifier.splitCompact(token).map(List::of);
      assertThat(split).as(token).isEqualTo(reference(token));
      accepted += split.isPresent() ? 1 : 0;
    }
    // the samples reach both answers, not only refusals
    assertThat(accepted).isGreaterThan(100);
  }

  private static String randomText(Random random, String alphabet, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int j = 0; j < length; j++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
