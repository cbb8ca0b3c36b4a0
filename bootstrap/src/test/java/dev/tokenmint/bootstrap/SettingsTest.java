package dev.tokenmint.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmint.domain.key.SigningAlgorithm;
import dev.tokenmint.domain.workspace.RateLimit;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  private static final String TOKEN = "tmat_configured_0123456789abcdefghijk";

  @Test
  void defaults_need_no_environment_at_all() {
    Settings settings = Settings.fromEnvironment(Map.of("PATH", "/usr/bin"));

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(settings.issuer()).isEmpty();
    assertThat(settings.issuerFor(41234)).isEqualTo("http://localhost:41234");
    assertThat(settings.signingAlgorithm()).isEqualTo(SigningAlgorithm.ES256);
    assertThat(settings.legacyShortHmacKeys()).isFalse();
    assertThat(settings.apiKey()).isEmpty();
    assertThat(settings.maxGrants()).isEqualTo(1000);
    assertThat(settings.maxBodyBytes()).isEqualTo(65_536);
    assertThat(settings.maxTokenBytes()).isEqualTo(131_072);
    assertThat(settings.nativeCrypto()).isTrue();
    assertThat(settings.credentialCache()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.keyCache()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.virtualThreads()).isTrue();
    assertThat(settings.managementPort()).isEmpty();
    assertThat(settings.rateLimit()).isEqualTo(RateLimit.NONE);
    assertThat(settings.authFailureLimit()).isEqualTo(new RateLimit(20));
  }

  @Test
  void every_variable_is_read() {
    Settings settings =
        Settings.fromEnvironment(
            Map.ofEntries(
                Map.entry("TOKENMINT_HOST", "0.0.0.0"),
                Map.entry("TOKENMINT_PORT", "9000"),
                Map.entry("TOKENMINT_DATA_DIR", "/var/lib/tokenmint"),
                Map.entry("TOKENMINT_ISSUER", "https://auth.example.com/"),
                Map.entry("TOKENMINT_SIGNING_ALG", "EdDSA"),
                Map.entry("TOKENMINT_LEGACY_SHORT_HMAC_KEYS", "true"),
                Map.entry("TOKENMINT_API_KEY", "tmk_configured"),
                Map.entry("TOKENMINT_AUTH_TOKEN", TOKEN),
                Map.entry("TOKENMINT_MAX_GRANTS", "50"),
                Map.entry("TOKENMINT_MAX_BODY_BYTES", "4096"),
                Map.entry("TOKENMINT_MAX_TOKEN_BYTES", "16384"),
                Map.entry("TOKENMINT_NATIVE_CRYPTO", "false"),
                Map.entry("TOKENMINT_CREDENTIAL_CACHE_SECONDS", "0"),
                Map.entry("TOKENMINT_KEY_CACHE_SECONDS", "0"),
                Map.entry("TOKENMINT_VIRTUAL_THREADS", "false"),
                Map.entry("TOKENMINT_MANAGEMENT_PORT", "9001"),
                Map.entry("TOKENMINT_LOG_FORMAT", "json"),
                Map.entry("TOKENMINT_ACCESS_LOG", "true"),
                Map.entry("TOKENMINT_RATE_LIMIT", "50"),
                Map.entry("TOKENMINT_AUTH_FAILURE_LIMIT", "0"),
                Map.entry(
                    "TOKENMINT_TEST_DB_URL", "ignored: test-only variables are not settings")));

    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.port()).isEqualTo(9000);
    assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/tokenmint"));
    assertThat(settings.issuer()).contains("https://auth.example.com");
    assertThat(settings.issuerFor(41234)).isEqualTo("https://auth.example.com");
    assertThat(settings.signingAlgorithm()).isEqualTo(SigningAlgorithm.EDDSA);
    assertThat(settings.legacyShortHmacKeys()).isTrue();
    assertThat(settings.apiKey()).contains("tmk_configured");
    assertThat(settings.authToken()).contains(TOKEN);
    assertThat(settings.maxGrants()).isEqualTo(50);
    assertThat(settings.maxBodyBytes()).isEqualTo(4096);
    assertThat(settings.maxTokenBytes()).isEqualTo(16_384);
    assertThat(settings.nativeCrypto()).isFalse();
    assertThat(settings.credentialCache()).isZero();
    assertThat(settings.keyCache()).isZero();
    assertThat(settings.virtualThreads()).isFalse();
    assertThat(settings.managementPort()).hasValue(9001);
    assertThat(settings.rateLimit()).isEqualTo(new RateLimit(50));
    assertThat(settings.authFailureLimit()).isEqualTo(RateLimit.NONE);
    assertThat(settings.toString()).doesNotContain(TOKEN);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TOKENMINT_PORT|abc|TOKENMINT_PORT must be an integer from 0 to 65535, got 'abc'",
        "TOKENMINT_PORT|70000|TOKENMINT_PORT must be an integer from 0 to 65535",
        "TOKENMINT_SIGNING_ALG|none|TOKENMINT_SIGNING_ALG must be one of [ES256, EdDSA, RS256, PS256, HS256], got 'none'",
        "TOKENMINT_SIGNING_ALG|es256|TOKENMINT_SIGNING_ALG must be one of",
        "TOKENMINT_LEGACY_SHORT_HMAC_KEYS|yes|TOKENMINT_LEGACY_SHORT_HMAC_KEYS must be true or false, got 'yes'",
        "TOKENMINT_NATIVE_CRYPTO|off|TOKENMINT_NATIVE_CRYPTO must be true or false, got 'off'",
        "TOKENMINT_CREDENTIAL_CACHE_SECONDS|61|TOKENMINT_CREDENTIAL_CACHE_SECONDS must be an integer from 0 to 60",
        "TOKENMINT_KEY_CACHE_SECONDS|61|TOKENMINT_KEY_CACHE_SECONDS must be an integer from 0 to 60",
        "TOKENMINT_KEY_CACHE_SECONDS|-1|TOKENMINT_KEY_CACHE_SECONDS must be an integer from 0 to 60",
        "TOKENMINT_ISSUER|ftp://x|TOKENMINT_ISSUER must be an http(s) URL",
        "TOKENMINT_ISSUER|not a url|TOKENMINT_ISSUER must be an http(s) URL",
        "TOKENMINT_MAX_GRANTS|0|TOKENMINT_MAX_GRANTS must be an integer from 1",
        "TOKENMINT_PROT|8080|unknown setting [TOKENMINT_PROT]",
        "TOKENMINT_CLOCK_SKEW_SECONDS|-1|TOKENMINT_CLOCK_SKEW_SECONDS must be an integer from 0 to 600",
        "TOKENMINT_KEY_ROTATION_DAYS|0|TOKENMINT_KEY_ROTATION_DAYS must be an integer from 1 to 3650",
        "TOKENMINT_ALLOWED_ALGS|ES256,none|TOKENMINT_ALLOWED_ALGS must list algorithms of",
        "TOKENMINT_ALLOWED_ALGS|EdDSA|TOKENMINT_ALLOWED_ALGS must include the signing algorithm ES256",
        "TOKENMINT_DB_URL|jdbc:mysql://x/y|TOKENMINT_DB_URL must be a jdbc:postgresql: URL",
        "TOKENMINT_MASTER_KEY|c2hvcnQ=|TOKENMINT_MASTER_KEY must be 32 bytes",
        "TOKENMINT_MASTER_KEY|not base64!|TOKENMINT_MASTER_KEY is not Base64",
        "TOKENMINT_MANAGEMENT_PORT|70000|TOKENMINT_MANAGEMENT_PORT must be an integer from 0 to 65535, got '70000'",
        "TOKENMINT_MANAGEMENT_PORT|8080|TOKENMINT_MANAGEMENT_PORT must differ from TOKENMINT_PORT (8080)",
        "TOKENMINT_LOG_FORMAT|xml|TOKENMINT_LOG_FORMAT must be text or json, got 'xml'",
        "TOKENMINT_LOG_FORMAT|JSON|TOKENMINT_LOG_FORMAT must be text or json, got 'JSON'",
        "TOKENMINT_ACCESS_LOG|yes|TOKENMINT_ACCESS_LOG must be true or false, got 'yes'",
        "TOKENMINT_RATE_LIMIT|-1|TOKENMINT_RATE_LIMIT must be an integer from 0 to 1000000000, got '-1'",
        "TOKENMINT_RATE_LIMIT|fast|TOKENMINT_RATE_LIMIT must be an integer from 0 to 1000000000, got 'fast'",
        "TOKENMINT_RATE_LIMIT|1000000001|TOKENMINT_RATE_LIMIT must be an integer from 0 to 1000000000",
        "TOKENMINT_AUTH_FAILURE_LIMIT|2.5|TOKENMINT_AUTH_FAILURE_LIMIT must be an integer from 0 to 1000000000, got '2.5'",
        "TOKENMINT_MAX_BODY_BYTES|1023|TOKENMINT_MAX_BODY_BYTES must be an integer from 1024 to 16777216, got '1023'",
        "TOKENMINT_MAX_TOKEN_BYTES|16777217|TOKENMINT_MAX_TOKEN_BYTES must be an integer from 8192 to 16777216, got '16777217'",
        "TOKENMINT_SHUTDOWN_GRACE_SECONDS|301|TOKENMINT_SHUTDOWN_GRACE_SECONDS must be an integer from 0 to 300, got '301'",
        "TOKENMINT_KEY_ROTATION_DAYS|3651|TOKENMINT_KEY_ROTATION_DAYS must be an integer from 1 to 3650, got '3651'",
        "TOKENMINT_VIRTUAL_THREADS|1|TOKENMINT_VIRTUAL_THREADS must be true or false, got '1'",
        "TOKENMINT_ALLOWED_ALGS|ES256,,EdDSA|TOKENMINT_ALLOWED_ALGS must list algorithms of [ES256, EdDSA, RS256, PS256, HS256], got ''",
      })
  void a_bad_value_names_its_variable_in_one_line(String name, String value, String message) {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(name, value)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(message)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TOKENMINT_DB_URL|jdbc:mysql://db/tm?password=hunter2-secret|TOKENMINT_DB_URL must be a jdbc:postgresql: URL (leave it unset for the embedded database under TOKENMINT_DATA_DIR)",
        "TOKENMINT_MASTER_KEY|hunter2-secret!|TOKENMINT_MASTER_KEY is not Base64 (try: openssl rand -base64 32)",
      })
  void a_value_that_may_hold_a_secret_is_refused_without_quoting_it(
      String name, String value, String message) {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(name, value)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(message);
  }

  @Test
  void the_range_of_an_integer_includes_both_ends() {
    assertThat(Settings.fromEnvironment(Map.of("TOKENMINT_CLOCK_SKEW_SECONDS", "0")).clockSkew())
        .isZero();
    assertThat(Settings.fromEnvironment(Map.of("TOKENMINT_CLOCK_SKEW_SECONDS", "600")).clockSkew())
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(Settings.fromEnvironment(Map.of("TOKENMINT_KEY_ROTATION_DAYS", " 1 ")).keyRotation())
        .contains(Duration.ofDays(1));
    assertThat(Settings.fromEnvironment(Map.of("TOKENMINT_RATE_LIMIT", "1000000000")).rateLimit())
        .isEqualTo(new RateLimit(RateLimit.MAX_PER_SECOND));
  }

  @Test
  void every_declared_variable_is_known_and_listed_once() throws IllegalAccessException {
    List<Variable<?>> declared = new ArrayList<>();
    for (Field field : Settings.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Variable.class) {
        declared.add((Variable<?>) field.get(null));
      }
    }

    assertThat(Settings.VARIABLES)
        .containsExactlyInAnyOrderElementsOf(declared)
        .doesNotHaveDuplicates();
    assertThat(Settings.VARIABLES)
        .extracting(Variable::name)
        .doesNotHaveDuplicates()
        .allSatisfy(
            name ->
                assertThat(name).matches("TOKENMINT_[A-Z_]+").doesNotStartWith("TOKENMINT_TEST_"));
  }

  @Test
  void an_unknown_variable_is_refused_with_the_list_of_known_ones() {
    assertThatThrownBy(
            () ->
                Settings.fromEnvironment(Map.of("TOKENMINT_PROT", "8080", "TOKENMINT_TEST_X", "y")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "unknown setting [TOKENMINT_PROT]; tokenmint reads [TOKENMINT_ACCESS_LOG, ")
        .hasMessageContaining("TOKENMINT_PORT")
        .hasMessageEndingWith("TOKENMINT_VIRTUAL_THREADS]");
  }

  @Test
  void logs_are_text_without_an_access_log_unless_told_otherwise() {
    assertThat(Settings.logging(Map.of())).isEqualTo(new Logging(Logging.Format.TEXT, false));
    assertThat(
            Settings.logging(
                Map.of("TOKENMINT_LOG_FORMAT", " json ", "TOKENMINT_ACCESS_LOG", "true")))
        .isEqualTo(new Logging(Logging.Format.JSON, true));
    assertThat(Settings.logging(Map.of("TOKENMINT_LOG_FORMAT", "text")).format())
        .isEqualTo(Logging.Format.TEXT);
  }

  @Test
  void management_port_0_takes_any_free_port_beside_a_main_port_0() {
    Settings settings =
        Settings.fromEnvironment(Map.of("TOKENMINT_PORT", "0", "TOKENMINT_MANAGEMENT_PORT", "0"));

    assertThat(settings.port()).isZero();
    assertThat(settings.managementPort()).hasValue(0);
  }

  @Test
  void postgresql_needs_a_master_key_shared_by_every_instance() {
    assertThatThrownBy(
            () ->
                Settings.fromEnvironment(
                    Map.of("TOKENMINT_DB_URL", "jdbc:postgresql://db/tokenmint")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("TOKENMINT_MASTER_KEY is required with PostgreSQL");
    String key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "TOKENMINT_DB_URL", "jdbc:postgresql://db/tokenmint",
                "TOKENMINT_DB_USER", "tm",
                "TOKENMINT_DB_PASSWORD", "s3cret-db-password",
                "TOKENMINT_MASTER_KEY", key));
    assertThat(settings.usesPostgres()).isTrue();
    assertThat(settings.dbUser()).contains("tm");
    assertThat(settings.toString()).doesNotContain("s3cret-db-password").doesNotContain(key);
  }

  @Test
  void credentials_come_in_pairs_and_auth_tokens_must_be_long() {
    assertThatThrownBy(
            () -> Settings.fromEnvironment(Map.of("TOKENMINT_API_KEY", "tmk_configured")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("set both TOKENMINT_API_KEY and TOKENMINT_AUTH_TOKEN");
    assertThatThrownBy(
            () ->
                Settings.fromEnvironment(
                    Map.of(
                        "TOKENMINT_API_KEY",
                        "tmk_configured",
                        "TOKENMINT_AUTH_TOKEN",
                        "short-secret")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at least 32 characters")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret"));
    assertThatThrownBy(
            () ->
                Settings.fromEnvironment(
                    Map.of("TOKENMINT_API_KEY", "bad key!", "TOKENMINT_AUTH_TOKEN", TOKEN)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("TOKENMINT_API_KEY must be");
    assertThat(
            Settings.fromEnvironment(Map.of("TOKENMINT_API_KEY", " ", "TOKENMINT_AUTH_TOKEN", ""))
                .apiKey())
        .isEqualTo(Optional.empty());
  }
}
