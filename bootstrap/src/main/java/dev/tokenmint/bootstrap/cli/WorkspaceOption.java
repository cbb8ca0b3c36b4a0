package dev.tokenmint.bootstrap.cli;

import picocli.CommandLine.Option;

/** {@code --workspace API_KEY}: the workspace a command works on. A picocli mixin. */
final class WorkspaceOption {

  @Option(
      names = "--workspace",
      required = true,
      paramLabel = "API_KEY",
      description = "the workspace's API key")
  String apiKey;
}
