package dev.tokenmint.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SkipNoticeTest {

  @Test
  void a_module_says_once_why_its_postgres_tests_are_skipped_however_many_are() {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TestPostgres.SkipNotice notice =
        new TestPostgres.SkipNotice(
            "adapters-jdbc", new PrintStream(console, true, StandardCharsets.UTF_8));

    notice.say("TOKENMINT_TEST_DB_URL is not set and Docker is not available");
    notice.say("TOKENMINT_TEST_DB_URL is not set and Docker is not available");
    notice.say("TOKENMINT_TEST_DB_URL is not set and Docker is not available");

    assertThat(console.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "PostgreSQL tests skipped in adapters-jdbc: TOKENMINT_TEST_DB_URL is not set and Docker"
                + " is not available (TOKENMINT_TEST_DB_REQUIRED=true makes this a failure)");
  }
}
