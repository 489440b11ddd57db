package dev.llmgateway.internal.plugins.httplog;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.logging.KongLogSerializer;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;

/** One configured http-log plugin: the serialized request goes into its collector's queue, never waiting. */
final class HttpLogPlugin implements Plugin {
  private final LogQueue queue;
  private final KongLogSerializer serializer;

  HttpLogPlugin(LogQueue queue, KongLogSerializer serializer) {
    this.queue = queue;
    this.serializer = serializer;
  }

  @Override
  public void log(LogContext ctx) {
    queue.add(Json.write(serializer.serialize(ctx)));
  }

  LogQueue queue() {
    return queue;
  }
}
