package dev.llmgateway.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway health}: asks a running node's {@code GET /status}; exit 0 when it answers 200, else 1. */
@Command(name = "health", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check a running node: exit 0 when its Admin API answers GET /status with 200, else 1.",
        "A draining node answers 503 and is reported unhealthy."})
final class HealthCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  AdminTarget target = new AdminTarget();

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "How long to wait for the answer. Default: 5s.")
  String timeout;

  private final EnvVariables env;

  HealthCommand(EnvVariables env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Duration wait = DurationText.parse(timeout);
      AdminClient client = new AdminClient(target.resolve(env), env.adminApiKey(), wait);
      AdminClient.Answer answer = client.get("/status");
      if (answer.status() == 200) {
        out.println("healthy: " + target.resolve(env) + "/status answered 200");
        return 0;
      }
      err.println("gateway: unhealthy: " + target.resolve(env) + "/status answered " + answer.status()
          + (answer.status() == 503 ? " (draining or not ready)" : ""));
      return 1;
    } catch (SettingException e) {
      err.println("gateway: unhealthy: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("gateway: --timeout: " + e.getMessage());
      return 1;
    }
  }
}
