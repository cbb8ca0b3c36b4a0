package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code TOKENMINT_MANAGEMENT_PORT} moves {@code /metrics} and the health routes off the API port.
 */
class ManagementPortEndToEndIT {

  static final String API_KEY = "tmk_management";
  static final String AUTH_TOKEN = "tmat_management_admin_3e9d1c7b5a2f8e4d6c0b";

  @Test
  void health_and_metrics_move_to_the_management_port() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "TOKENMINT_PORT",
                "0",
                "TOKENMINT_MANAGEMENT_PORT",
                "0",
                "TOKENMINT_DATA_DIR",
                TestDirectories.fresh("management").toString(),
                "TOKENMINT_API_KEY",
                API_KEY,
                "TOKENMINT_AUTH_TOKEN",
                AUTH_TOKEN));
    try (Tokenmint tokenmint = Tokenmint.start(settings, Clock.systemUTC())) {
      int management = tokenmint.managementPort().orElseThrow();
      Http api = new Http(tokenmint.port(), API_KEY, AUTH_TOKEN);
      Http operations = new Http(management, API_KEY, AUTH_TOKEN);

      assertThat(management).isNotEqualTo(tokenmint.port());
      assertThat(operations.get("/health/ready").status()).isEqualTo(200);
      assertThat(api.get("/health/ready").status()).isEqualTo(404);
      assertThat(api.get("/metrics").body().at("/error/status").asText()).isEqualTo("NOT_FOUND");
      assertThat(api.post("/v2/auth/generate_token", VeltEndToEndIT.EXAMPLE_1).status())
          .isEqualTo(200);
    }
  }

  @Test
  void without_it_they_stay_on_the_api_port() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "TOKENMINT_PORT",
                "0",
                "TOKENMINT_DATA_DIR",
                TestDirectories.fresh("management").toString(),
                "TOKENMINT_API_KEY",
                API_KEY,
                "TOKENMINT_AUTH_TOKEN",
                AUTH_TOKEN));
    try (Tokenmint tokenmint = Tokenmint.start(settings, Clock.systemUTC())) {
      assertThat(tokenmint.managementPort()).isEmpty();
      assertThat(new Http(tokenmint.port(), API_KEY, AUTH_TOKEN).get("/health/ready").status())
          .isEqualTo(200);
    }
  }
}
