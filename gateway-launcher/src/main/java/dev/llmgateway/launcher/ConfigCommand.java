package dev.llmgateway.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gateway config}: the declarative-config commands (validate, export, apply). */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Work with declarative configuration (Kong's format, _format_version \"3.0\", YAML or JSON).",
    subcommands = {ConfigValidateCommand.class, ConfigExportCommand.class, ConfigApplyCommand.class})
final class ConfigCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand (validate, export or apply)");
  }
}
