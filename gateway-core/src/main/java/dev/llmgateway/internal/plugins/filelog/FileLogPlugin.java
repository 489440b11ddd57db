package dev.llmgateway.internal.plugins.filelog;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.logging.KongLogSerializer;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;

/** One configured file-log plugin (Kong's {@code handler.lua}): the serialized request, one JSON line, appended. */
final class FileLogPlugin implements Plugin {
  private final FileLogConfig conf;
  private final LogFile file;
  private final KongLogSerializer serializer;

  FileLogPlugin(FileLogConfig conf, LogFile file, KongLogSerializer serializer) {
    this.conf = conf;
    this.file = file;
    this.serializer = serializer;
  }

  @Override
  public void log(LogContext ctx) {
    file.append(Json.write(serializer.serialize(ctx)), conf.reopen());
  }
}
