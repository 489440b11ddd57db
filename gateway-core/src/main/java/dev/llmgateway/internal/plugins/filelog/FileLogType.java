package dev.llmgateway.internal.plugins.filelog;

import dev.llmgateway.internal.logging.KongLogSerializer;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.Schema;
import java.nio.file.Path;

/** The file-log plugin type (Kong's PRIORITY 9). One {@link LogFile} per path outlives config changes. */
public final class FileLogType implements PluginType<FileLogConfig> {
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
  public Class<FileLogConfig> configType() {
    return FileLogConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<FileLogConfig> setup) {
    FileLogConfig conf = setup.config();
    LogFile file = setup.state().shared(LogFiles.KEY, LogFiles::new).at(Path.of(conf.path()).toAbsolutePath());
    return new FileLogPlugin(conf, file, new KongLogSerializer(setup.view()));
  }
}
