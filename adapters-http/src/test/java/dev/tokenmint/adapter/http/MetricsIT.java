package dev.tokenmint.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.application.fixture.TestApplication;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: the Prometheus text format, every family described. */
class MetricsIT {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestApplication.standard());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_metric_family_has_a_help_text_the_request_metric_included() {
    server.get("/health/live");

    List<String> helps =
        server.get("/metrics").body().lines().filter(line -> line.startsWith("# HELP ")).toList();

    assertThat(helps)
        .anySatisfy(help -> assertThat(help).startsWith("# HELP http_server_requests_seconds "))
        .allSatisfy(help -> assertThat(help.split(" ", 4)[3]).as(help).isNotBlank());
  }
}
