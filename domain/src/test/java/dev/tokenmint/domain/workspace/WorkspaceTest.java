package dev.tokenmint.domain.workspace;

import static dev.tokenmint.domain.fixture.InvalidArguments.violationsOf;
import static dev.tokenmint.domain.fixture.Workspaces.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmint.domain.failure.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceTest {

  private static final String API_KEY_RULE =
      "must be 8 to 128 characters of A-Z, a-z, 0-9, '_' or '-'";

  @Test
  void default_workspace_uses_the_bare_issuer() {
    assertThat(Workspace.issuerUnder("https://auth.example.com", "api_key_a", true))
        .isEqualTo("https://auth.example.com");
    assertThat(Workspace.issuerUnder("https://auth.example.com/", "api_key_a", true))
        .isEqualTo("https://auth.example.com");
  }

  @Test
  void other_workspaces_use_the_issuer_and_their_api_key() {
    assertThat(Workspace.issuerUnder("https://auth.example.com", "ws_acme-42", false))
        .isEqualTo("https://auth.example.com/workspaces/ws_acme-42");
    assertThat(Workspace.issuerUnder("https://auth.example.com/", "ws_acme-42", false))
        .isEqualTo("https://auth.example.com/workspaces/ws_acme-42");
  }

  @Test
  void two_workspaces_never_share_an_issuer() {
    String a = aWorkspace().withApiKey("api_key_a").build().issuer();
    String b = aWorkspace().withApiKey("api_key_b").build().issuer();

    assertThat(a).isNotEqualTo(b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "auth.example.com", "ftp://auth.example.com", "https://auth.example.com/"})
  void an_issuer_that_is_not_an_http_url_without_trailing_slash_is_refused(String issuer) {
    assertThat(violationsOf(() -> new Workspace("ws", "api_key_acme_123", "Acme", true, issuer)))
        .extracting(Violation::field)
        .containsExactly("issuer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcdefgh", "ABC_def-0123", "api_key_acme_123"})
  void api_keys_of_url_safe_characters_are_accepted(String apiKey) {
    assertThat(aWorkspace().withApiKey(apiKey).build().apiKey()).isEqualTo(apiKey);
  }

  @Test
  void api_key_of_128_characters_is_accepted() {
    String longest = "k".repeat(128);

    assertThat(aWorkspace().withApiKey(longest).build().apiKey()).isEqualTo(longest);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abcdefg",
        "has space1",
        "slash/key1",
        "dot.key123",
        "ümlaut_key",
        "key?query=1"
      })
  void api_keys_that_are_too_short_or_not_url_safe_are_refused(String apiKey) {
    assertThat(
            violationsOf(
                () -> new Workspace("ws", apiKey, "Acme", false, "https://auth.example.com/w")))
        .containsExactly(new Violation("apiKey", API_KEY_RULE));
  }

  @Test
  void api_key_of_129_characters_is_refused() {
    assertThat(violationsOf(() -> aWorkspace().withApiKey("k".repeat(129)).build()))
        .containsExactly(new Violation("apiKey", API_KEY_RULE));
  }

  @Test
  void blank_name_and_bad_api_key_are_reported_together() {
    assertThat(violationsOf(() -> aWorkspace().withApiKey("short").named(" ").build()))
        .containsExactly(
            new Violation("apiKey", API_KEY_RULE),
            new Violation("name", "must be 1 to 256 characters"));
  }
}
