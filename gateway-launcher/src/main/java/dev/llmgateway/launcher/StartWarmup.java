package dev.llmgateway.launcher;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.pipeline.PluginRegistry;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Loads and initialises, on a background thread, what {@code start} needs next — the JDK's TLS stack and trust
 * store (for https upstreams), XNIO, the JSON codec, the plugin types — while the main thread parses the command
 * line, so that the two overlap on a multi-core machine and the gateway is ready sooner. Best effort: any
 * failure here is ignored; the real start-up does the same work again and reports errors itself.
 */
final class StartWarmup {
  private StartWarmup() {}

  static void begin() {
    Thread t = new Thread(StartWarmup::run, "gateway-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.NORM_PRIORITY - 1);
    t.start();
  }

  private static void run() {
    try {
      SSLContext.getInstance("TLS").init(null, null, null);
      org.xnio.Xnio.getInstance(StartWarmup.class.getClassLoader());
      Json.parse("{\"warm\":[1,2.5,true,null]}");
      PluginRegistry.load(StartWarmup.class.getClassLoader(), List.of());
      java.time.ZonedDateTime.now().toString();
    } catch (Exception | LinkageError e) {
      // best effort, see the class comment
    }
  }
}
