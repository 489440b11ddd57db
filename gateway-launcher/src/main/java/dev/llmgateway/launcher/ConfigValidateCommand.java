package dev.llmgateway.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway config validate FILE}: checks a declarative config offline and prints every error with its path. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check FILE offline: exit 0 when it is valid, else 1 with every error and its path,",
        "e.g. services[0].routes[1].paths[0]: should start with: /"})
final class ConfigValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Declarative config, YAML or JSON.")
  Path file;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("gateway: config validate is wired when the declarative loader lands");
    return 1;
  }
}
