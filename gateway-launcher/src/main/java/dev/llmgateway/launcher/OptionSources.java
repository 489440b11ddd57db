package dev.llmgateway.launcher;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Says where an option's value came from — the flag, an environment variable, or the default — so that an error
 * names what the user has to change ({@code VLLM_URL: ...} rather than {@code --vllm-url: ...}).
 */
final class OptionSources {
  private final CommandSpec spec;
  private final EnvDefaults env;

  OptionSources(CommandSpec spec, EnvDefaults env) {
    this.spec = spec;
    this.env = env;
  }

  /** The flag when given, else the variable that set it, else {@code "default of <flag>"}. */
  String nameOf(String option) {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed != null && parsed.hasMatchedOption(option)) {
      return option;
    }
    return env.variableFor(option).map(EnvVariables.Found::name).orElse("default of " + option);
  }
}
