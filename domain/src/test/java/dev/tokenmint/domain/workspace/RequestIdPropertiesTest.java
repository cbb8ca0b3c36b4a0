package dev.tokenmint.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written request id check accepts exactly what the regular expression it replaced did.
 */
class RequestIdPropertiesTest {

  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Property(tries = 3000)
  void judges_near_request_ids_as_the_regular_expression_does(@ForAll("nearIds") String value) {
    assertThat(Caller.isRequestId(value)).as(value).isEqualTo(REFERENCE.matcher(value).matches());
  }

  @Property(tries = 3000)
  void judges_any_string_as_the_regular_expression_does(@ForAll String value) {
    assertThat(Caller.isRequestId(value)).as(value).isEqualTo(REFERENCE.matcher(value).matches());
  }

  @Provide
  Arbitrary<String> nearIds() {
    return Arbitraries.strings()
        .withChars("aZ09._:-/ @\u00e9\n")
        .withChars("\ud83d\ude00")
        .ofMinLength(0)
        .ofMaxLength(140);
  }
}
