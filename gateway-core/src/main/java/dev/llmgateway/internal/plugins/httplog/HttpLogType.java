package dev.llmgateway.internal.plugins.httplog;

import dev.llmgateway.internal.logging.KongLogSerializer;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.Schema;
import java.util.List;

/**
 * The http-log plugin type (Kong's PRIORITY 12). Instances with the same collector settings share one queue, as
 * Kong's do, and the queue outlives config changes.
 */
public final class HttpLogType implements PluginType<HttpLogConfig> {
  @Override
  public String name() {
    return "http-log";
  }

  @Override
  public int priority() {
    return 12;
  }

  @Override
  public Schema configSchema() {
    return HttpLogConfig.SCHEMA;
  }

  @Override
  public List<EntityCheck> entityChecks() {
    return HttpLogConfig.CHECKS;
  }

  @Override
  public Class<HttpLogConfig> configType() {
    return HttpLogConfig.class;
  }

  @Override
  public Plugin create(PluginSetup<HttpLogConfig> setup) {
    LogQueue queue = setup.state().shared(LogQueues.KEY, LogQueues::new).of(setup.config(),
        conf -> new LogQueue(conf.effectiveQueue(), new Collector(conf), setup.state().meterRegistry()));
    return new HttpLogPlugin(queue, new KongLogSerializer(setup.view()));
  }
}
