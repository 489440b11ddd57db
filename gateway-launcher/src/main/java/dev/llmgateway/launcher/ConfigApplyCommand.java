package dev.llmgateway.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gateway config apply FILE}: sends a declarative config to a running node's {@code POST /config}, which
 * validates all of it and replaces the whole configuration atomically (or changes nothing and says why).
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replace a running node's whole configuration with FILE (POST /config).",
        "The node validates everything first; on any error nothing changes and every error is printed."})
final class ConfigApplyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Declarative config, YAML or JSON.")
  Path file;

  @Mixin
  AdminTarget target = new AdminTarget();

  private final EnvVariables env;

  ConfigApplyCommand(EnvVariables env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      byte[] body = read(file);
      AdminClient client = new AdminClient(target.resolve(env), env.adminApiKey(), Duration.ofSeconds(30));
      AdminClient.Answer answer = client.post("/config", contentType(file, body), body);
      if (answer.status() == 201 || answer.status() == 200) {
        out.println(file + ": applied to " + target.resolve(env));
        return 0;
      }
      err.println("gateway: " + file + ": the node refused it (" + answer.status() + "): "
          + ConfigErrors.describe(answer.body()));
      return 1;
    } catch (SettingException e) {
      err.println("gateway: " + e.getMessage());
      return 1;
    }
  }

  /** JSON for {@code .json} files or text starting with '{'; YAML otherwise. */
  static String contentType(Path file, byte[] body) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    String text = new String(body, 0, Math.min(body.length, 64), java.nio.charset.StandardCharsets.UTF_8).strip();
    return name.endsWith(".json") || text.startsWith("{") ? "application/json" : "application/yaml";
  }

  static byte[] read(Path file) throws SettingException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SettingException("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new SettingException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
