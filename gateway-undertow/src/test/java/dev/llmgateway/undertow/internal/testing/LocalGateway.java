package dev.llmgateway.undertow.internal.testing;

import dev.llmgateway.undertow.embed.AccessLogOptions;
import dev.llmgateway.undertow.internal.UndertowGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a gateway from the command line until killed, for manual checks and {@code scripts/proxy-check} before the
 * launcher exists: one proxy listener, one service at the upstream URL, one route {@code /} (strip_path off).
 *
 * <pre>java -cp ... dev.llmgateway.undertow.internal.testing.LocalGateway PORT UPSTREAM_URL [READ_TIMEOUT_MS]</pre>
 */
public final class LocalGateway {
  private LocalGateway() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LocalGateway PORT UPSTREAM_URL [READ_TIMEOUT_MS]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    TestConfig config = TestConfig.with();
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("name", "check-service");
    service.put("url", args[1]);
    if (args.length > 2) {
      service.put("read_timeout", Long.parseLong(args[2]));
    }
    UUID s = config.service(service);
    config.route(s, Map.of("name", "check-route", "paths", List.of("/"), "strip_path", false));
    UndertowGateway gateway = UndertowGateway.builder(new dev.llmgateway.internal.config.LiveConfig(config.snapshot()))
        .proxyListener("127.0.0.1", port)
        .accessLog(System.getenv("GATEWAY_ACCESS_LOG") != null ? AccessLogOptions.stdout() : AccessLogOptions.off())
        .build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::stop));
    System.out.println("gateway listening on " + gateway.proxyAddresses().get(0) + " -> " + args[1]);
    System.out.flush();
    Thread.currentThread().join();
  }
}
