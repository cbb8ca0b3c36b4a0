package dev.tokenmint.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretsTest {

  // A bare base64url id starts with '-' once in 64: among 10 000, about 156 would.
  private static final int IDS = 10_000;

  @Test
  void generated_ids_never_start_with_a_dash_so_no_command_line_takes_them_for_options() {
    assertThat(IntStream.range(0, IDS).mapToObj(i -> Secrets.newCredentialId()))
        .allSatisfy(id -> assertThat(id).startsWith("tmc_").matches("[A-Za-z0-9_-]{26}"));
    assertThat(IntStream.range(0, IDS).mapToObj(i -> Secrets.newWorkspaceId()))
        .allSatisfy(id -> assertThat(id).startsWith("tmw_").matches("[A-Za-z0-9_-]{26}"));
  }

  @Test
  void generated_ids_and_tokens_do_not_repeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < IDS; i++) {
      assertThat(seen.add(Secrets.newCredentialId())).isTrue();
      assertThat(seen.add(Secrets.newAuthToken())).isTrue();
    }
  }
}
