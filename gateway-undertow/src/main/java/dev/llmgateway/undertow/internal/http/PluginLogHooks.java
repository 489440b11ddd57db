package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;

/**
 * Whether a plugin class has a log phase at all: one that keeps {@link Plugin#log}'s empty default (key-auth,
 * acl, rate-limiting and most others) is skipped, so that it neither runs nor sends the request's end to a worker
 * thread for nothing. Answered once per class.
 */
final class PluginLogHooks {
  private static final ClassValue<Boolean> LOGS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("log", LogContext.class).getDeclaringClass() != Plugin.class;
      } catch (NoSuchMethodException e) {
        return true; // cannot happen for a Plugin; running the phase is the safe answer
      }
    }
  };

  private PluginLogHooks() {}

  static boolean logs(Plugin p) {
    return LOGS.get(p.getClass());
  }
}
