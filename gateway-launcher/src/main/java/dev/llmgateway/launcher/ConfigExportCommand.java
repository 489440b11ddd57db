package dev.llmgateway.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gateway config export}: prints a configuration as declarative YAML. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Print a configuration as declarative YAML.")
final class ConfigExportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  private final EnvVariables env;

  ConfigExportCommand(EnvVariables env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("gateway: config export is wired when the config store lands");
    return 1;
  }
}
