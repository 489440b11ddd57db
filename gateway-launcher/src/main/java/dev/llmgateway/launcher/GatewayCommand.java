package dev.llmgateway.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the command line: {@code gateway [COMMAND]}; with no command (or only options) it runs start. */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
    description = {"A Kong-compatible LLM gateway for vLLM, SGLang and other OpenAI-compatible servers.",
        "With no command it runs `start`: java -jar gateway.jar --proxy-listen 127.0.0.1:8000"},
    subcommands = {StartCommand.class, ConfigCommand.class, MigrationsCommand.class, HealthCommand.class,
        VersionCommand.class,
        HelpCommand.class},
    footer = {"", "Run 'gateway COMMAND --help' for a command's options."})
final class GatewayCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
