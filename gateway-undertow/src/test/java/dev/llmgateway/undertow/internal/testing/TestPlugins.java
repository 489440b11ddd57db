package dev.llmgateway.undertow.internal.testing;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.LogContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Schema;
import java.util.function.Function;

/** Small plugin types for tests, each built from a lambda; none has config fields. */
public final class TestPlugins {
  private TestPlugins() {}

  /** The config of these plugin types: no fields. */
  public record NoConfig() {}

  /** A plugin type named {@code name} whose every instance is {@code plugin}. */
  public static PluginType<NoConfig> of(String name, int priority, Plugin plugin) {
    return of(name, priority, setup -> plugin);
  }

  public static PluginType<NoConfig> of(String name, int priority, Function<PluginSetup<NoConfig>, Plugin> factory) {
    return new PluginType<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public Schema configSchema() {
        return Schema.of(name);
      }

      @Override
      public Class<NoConfig> configType() {
        return NoConfig.class;
      }

      @Override
      public Plugin create(PluginSetup<NoConfig> setup) {
        return factory.apply(setup);
      }
    };
  }

  /** Answers every request in the access phase with Kong's error. */
  public static PluginType<NoConfig> refusing(String name, int status, String message) {
    return refusing(name, 1000, status, message);
  }

  /** Answers every request in the access phase with Kong's error, at {@code priority}. */
  public static PluginType<NoConfig> refusing(String name, int priority, int status, String message) {
    return of(name, priority, new Plugin() {
      @Override
      public Verdict access(AccessContext ctx) {
        return Verdict.error(status, message);
      }
    });
  }

  /** Throws in the access phase. */
  public static PluginType<NoConfig> failing(String name) {
    return of(name, 1000, new Plugin() {
      @Override
      public Verdict access(AccessContext ctx) {
        throw new IllegalStateException("plugin bug: secret-token-42");
      }
    });
  }

  /** Wants the request body buffered, up to {@code limit} bytes. */
  public static PluginType<NoConfig> bodyReader(String name, int limit) {
    return of(name, 1000, new Plugin() {
      @Override
      public int requestBodyLimit() {
        return limit;
      }
    });
  }

  /** What a log phase saw about one request. */
  public record Logged(String path, int status, String failure, long bytesSent, long upstreamMillis, String thread) {}

  /** Records every request's log phase into {@code sink}. */
  public static PluginType<NoConfig> recordingLog(String name, java.util.concurrent.BlockingQueue<Logged> sink) {
    return of(name, 5, new Plugin() {
      @Override
      public void log(LogContext ctx) {
        sink.add(new Logged(ctx.request().path(), ctx.status(), ctx.failure(), ctx.bytesSent(), ctx.upstreamMillis(),
            Thread.currentThread().getName()));
      }
    });
  }

  /** A log phase that blocks for {@code millis}. */
  public static PluginType<NoConfig> sleepingLog(String name, long millis) {
    return of(name, 10, new Plugin() {
      @Override
      public void log(LogContext ctx) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
  }
}
