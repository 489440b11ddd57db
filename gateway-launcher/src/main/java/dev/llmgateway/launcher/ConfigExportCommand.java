package dev.llmgateway.launcher;

import dev.llmgateway.config.Configuration;
import dev.llmgateway.internal.declarative.DeclarativeExport;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import dev.llmgateway.internal.store.FileConfigStore;
import dev.llmgateway.internal.store.RowCodec;
import dev.llmgateway.store.StoredConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway config export}: prints a configuration as declarative YAML, from a running node's
 * {@code GET /config} ({@code --admin-url}, the default) or offline from a data dir ({@code --data-dir}; stop the
 * gateway first or accept a snapshot of the moment). The output loads back with {@code config apply}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print a configuration as declarative YAML: a running node's (GET /config),",
        "or offline from a data dir. It loads back with `config apply` or `--config`."})
final class ConfigExportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true)
  Source source = new Source();

  /** Where the configuration comes from. */
  static final class Source {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Read the configuration stored in DIR.")
    Path dataDir;

    @Option(names = "--admin-url", paramLabel = "URL",
        description = "The running node's Admin API. Default: from GATEWAY_ADMIN_LISTEN, else"
            + " http://127.0.0.1:8001")
    String adminUrl;
  }

  private final EnvVariables env;

  ConfigExportCommand(EnvVariables env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.print(source.dataDir != null ? offline(source.dataDir) : online());
      return 0;
    } catch (SettingException e) {
      spec.commandLine().getErr().println("gateway: " + e.getMessage());
      return 1;
    }
  }

  private String online() throws SettingException {
    AdminTarget target = new AdminTarget();
    target.adminUrl = source.adminUrl;
    AdminClient client = new AdminClient(target.resolve(env), env.adminApiKey(), Duration.ofSeconds(30));
    AdminClient.Answer answer = client.get("/config");
    if (answer.status() != 200) {
      throw new SettingException("GET /config answered " + answer.status() + ": "
          + ConfigErrors.describe(answer.body()));
    }
    Object yaml = Json.parseObject(answer.body()).get("config");
    if (!(yaml instanceof String text)) {
      throw new SettingException("GET /config answered without a config field");
    }
    return text;
  }

  private static String offline(Path dataDir) throws SettingException {
    if (!Files.isDirectory(dataDir)) {
      throw new SettingException("data dir " + dataDir + " does not exist");
    }
    PluginRegistry registry = PluginRegistry.load(ConfigExportCommand.class.getClassLoader(), List.of());
    try (FileConfigStore store = FileConfigStore.open(dataDir)) {
      Optional<StoredConfig> stored = store.load();
      Configuration cfg = stored.isPresent() ? RowCodec.toConfiguration(stored.get(), registry.entityTypes())
          : Configuration.empty(registry.entityTypes());
      return DeclarativeExport.yaml(cfg);
    } catch (IOException e) {
      throw new SettingException("cannot read the configuration in " + dataDir + ": " + e.getMessage(), e);
    }
  }
}
