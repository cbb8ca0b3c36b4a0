package dev.tokenmint.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Headers encoded once and kept are the bytes the header gives, in its order, every time. */
class HeaderEncodingTest {

  private final NimbusTokenSigner signer = new NimbusTokenSigner(MasterKey.generate());

  private static Map<String, Object> header(Object... namesAndValues) {
    Map<String, Object> header = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      header.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return header;
  }

  private static String decoded(String encoded) {
    return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  @Test
  void the_same_entries_in_another_order_encode_in_that_order() {
    Map<String, Object> velt = header("alg", "HS256", "typ", "JWT");
    Map<String, Object> datafor = header("typ", "JWT", "alg", "HS256");

    for (int round = 0; round < 2; round++) {
      assertThat(decoded(signer.encodedHeader(velt)))
          .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
      assertThat(decoded(signer.encodedHeader(datafor)))
          .isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    }
  }

  @Test
  void values_that_differ_only_in_type_encode_apart() {
    assertThat(decoded(signer.encodedHeader(header("n", 1)))).isEqualTo("{\"n\":1}");
    assertThat(decoded(signer.encodedHeader(header("n", "1")))).isEqualTo("{\"n\":\"1\"}");
    assertThat(decoded(signer.encodedHeader(header("n", true)))).isEqualTo("{\"n\":true}");
  }

  @Test
  void headers_past_the_bound_and_headers_of_lists_are_still_encoded_right() {
    for (int i = 0; i < NimbusTokenSigner.MAX_CACHED_HEADERS * 2; i++) {
      assertThat(decoded(signer.encodedHeader(header("alg", "ES256", "kid", "k" + i))))
          .isEqualTo("{\"alg\":\"ES256\",\"kid\":\"k" + i + "\"}");
    }
    assertThat(signer.cachedHeaders()).isBetween(1, NimbusTokenSigner.MAX_CACHED_HEADERS);
    // The cache starts afresh when full: a header made after the first 64 is kept too.
    String late = signer.encodedHeader(header("alg", "ES256", "kid", "rotated"));
    assertThat(signer.encodedHeader(header("alg", "ES256", "kid", "rotated"))).isSameAs(late);
    List<Object> list = new ArrayList<>(List.of("a"));
    Map<String, Object> withList = header("x", list);
    assertThat(decoded(signer.encodedHeader(withList))).isEqualTo("{\"x\":[\"a\"]}");
    list.add("b");
    assertThat(decoded(signer.encodedHeader(withList))).isEqualTo("{\"x\":[\"a\",\"b\"]}");
  }
}
