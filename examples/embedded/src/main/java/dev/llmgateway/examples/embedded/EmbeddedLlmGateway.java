package dev.llmgateway.examples.embedded;

import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.undertow.embed.PluginScope;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An application that embeds the gateway: vLLM behind {@code /v1/vllm} with the usage guide's timeouts, a
 * {@code model-allowlist} plugin (found through ServiceLoader, not registered in code) limiting which models may
 * be asked for, and one more model allowed at run time.
 *
 * <pre>
 *   mvn -B -q -DskipTests package
 *   VLLM_URL=http://localhost:8080 java -cp examples/target/classes:gateway-launcher/target/gateway.jar \
 *       dev.llmgateway.examples.embedded.EmbeddedLlmGateway
 * </pre>
 * (the launcher's jar is used here only as a class path holding the library and its dependencies).
 */
public final class EmbeddedLlmGateway {
  private EmbeddedLlmGateway() {}

  /** Starts the gateway on {@code host:port} (0: any free port) in front of {@code vllmUrl}. */
  public static EmbeddedGateway start(String host, int port, String vllmUrl, List<String> models)
      throws IOException {
    EmbeddedGateway gateway = EmbeddedGateway.builder().proxyListener(host, port).start();
    try {
      // one change: the route never serves a request before its allow-list is in place
      gateway.entities().apply(tx -> {
        tx.addService("vllm-service", vllmUrl, Map.of("read_timeout", 120_000, "write_timeout", 120_000));
        tx.addRoute("vllm-service", "vllm-route", "/v1/vllm");
        return tx.addPlugin(ModelAllowlistType.NAME, PluginScope.service("vllm-service"), Map.of("allow", models));
      });
      return gateway;
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  /** Allows one more model on the running gateway: a run-time change, live for the next request. */
  public static void allow(EmbeddedGateway gateway, String model) {
    var plugin = gateway.entities().list("plugins").stream()
        .filter(p -> ModelAllowlistType.NAME.equals(p.string("name"))).findFirst().orElseThrow();
    List<String> allowed = new java.util.ArrayList<>(plugin.record("config").strings("allow"));
    allowed.add(model);
    gateway.entities().update("plugins", plugin.string("id"), Map.of("config", Map.of("allow", allowed)));
  }

  public static void main(String[] args) throws Exception {
    String vllm = System.getenv().getOrDefault("VLLM_URL", "http://localhost:8080");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
    try (EmbeddedGateway gateway = start("127.0.0.1", port, vllm, List.of("your-model-name"))) {
      System.out.println("embedded gateway on " + gateway.proxyUri() + "v1/vllm -> " + vllm);
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
  }
}
