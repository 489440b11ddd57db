package dev.llmgateway.undertow.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.plugins.StackGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Routes and ai-proxy plugins made through the Admin API of a test's gateway. */
final class AiProxyTestSupport {
  static StackGateway gw;
  static Path log;
  private static final AtomicInteger NEXT = new AtomicInteger();

  private AiProxyTestSupport() {}

  /** A service that points nowhere (ai-proxy decides the target) and a route; returns the route path. */
  static String route() {
    String name = "ais" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=http://127.0.0.1:9/unused");
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    return "/" + name;
  }

  static void pluginOk(String path, String configJson) {
    HttpResponse<String> r = gw.admin("POST", "/routes" + path + "/plugins",
        "{\"name\":\"ai-proxy\",\"config\":" + configJson + "}", "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }
}
