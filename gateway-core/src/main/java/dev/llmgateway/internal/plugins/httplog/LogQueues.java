package dev.llmgateway.internal.plugins.httplog;

import dev.llmgateway.plugin.StateKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The gateway's http-log queues by collector settings, kept as shared run-time state: instances with equal
 * configs share one queue, as Kong's do, and the instances a config change makes keep sending through it.
 */
final class LogQueues {
  static final StateKey<LogQueues> KEY = StateKey.of("http-log/queues", LogQueues.class);

  private final ConcurrentMap<HttpLogConfig, LogQueue> queues = new ConcurrentHashMap<>();

  /** The queue for {@code conf}, made by {@code make} on first use. */
  LogQueue of(HttpLogConfig conf, Function<HttpLogConfig, LogQueue> make) {
    return queues.computeIfAbsent(conf, make);
  }
}
