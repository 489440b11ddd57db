package dev.llmgateway.launcher;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeConfig;
import dev.llmgateway.internal.declarative.DeclarativeError;
import dev.llmgateway.entity.EntityType;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gateway config validate FILE}: loads a declarative config offline with the same loader and plugin types
 * as {@code start} (those on the class path), and prints every error with its path, or what it holds.
 */
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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    try {
      text = new String(ConfigApplyCommand.read(file), StandardCharsets.UTF_8);
    } catch (SettingException e) {
      err.println("gateway: " + e.getMessage());
      return 1;
    }
    PluginRegistry registry = PluginRegistry.load(ConfigValidateCommand.class.getClassLoader(), List.of());
    try {
      Configuration cfg = new DeclarativeConfig(registry.entityTypes(), System::currentTimeMillis).load(text);
      out.println(file + ": valid (" + counts(cfg) + ")");
      return 0;
    } catch (DeclarativeError e) {
      err.println("gateway: " + file + ": " + e.messages().size() + " error(s)");
      e.messages().forEach(m -> err.println("  " + m));
      return 1;
    }
  }

  private static String counts(Configuration cfg) {
    List<String> parts = new ArrayList<>();
    for (EntityType type : cfg.types().all()) {
      int n = cfg.rows(type).size();
      if (n > 0) {
        parts.add(n + " " + type.name());
      }
    }
    return parts.isEmpty() ? "no entities" : String.join(", ", parts);
  }
}
