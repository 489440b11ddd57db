package dev.llmgateway.plugins.filelog;

import dev.llmgateway.logging.KongLogSerializer;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;
import java.nio.file.Path;

/** The file-log plugin type (Kong's PRIORITY 9). One {@link LogFile} per path outlives config changes. */
public final class FileLogType implements PluginType {
  @Override
  public String name() {
    return "file-log";
  }

  @Override
  public int priority() {
    return 9;
  }

  @Override
  public Schema configSchema() {
    return FileLogConfig.SCHEMA;
  }

  @Override
  public Plugin create(PluginSetup setup) {
    FileLogConfig conf = FileLogConfig.of(setup.config());
    Path path = Path.of(conf.path()).toAbsolutePath();
    LogFile file = setup.state().get("file-log/" + path, () -> new LogFile(path));
    return new FileLogPlugin(conf, file, new KongLogSerializer(setup.view()));
  }
}
