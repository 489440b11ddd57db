package dev.llmgateway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's metrics: a kong.yml with the prometheus plugin, requests through the proxy, then {@code /metrics} on
 * the Admin listener and on the status listener that {@code KONG_STATUS_LISTEN} opens (which serves
 * {@code /status} and {@code /metrics} only).
 */
class MetricsIT {
  @TempDir
  Path work;
  final Http http = new Http();

  @Test
  void prometheusTextOnTheAdminAndStatusListeners() throws Exception {
    try (FakeLlm llm = new FakeLlm("vllm")) {
      Path config = work.resolve("kong.yml");
      Files.writeString(config, "_format_version: \"3.0\"\nservices:\n  - name: vllm\n    url: " + llm.url()
          + "\n    routes:\n      - name: vllm-route\n        paths: [/v1/vllm]\nplugins:\n  - name: prometheus\n"
          + "    config:\n      status_code_metrics: true\n      latency_metrics: true\n");
      try (GatewayJarProcess gateway = GatewayJarProcess.start(Map.of("KONG_STATUS_LISTEN", "127.0.0.1:0"), work,
          "--proxy-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0", "--data-dir", "data",
          "--access-log", "off", "--config", config.toString())) {
        for (int i = 0; i < 3; i++) {
          assertThat(http.get(gateway.proxy("/v1/vllm/v1/models")).statusCode()).isEqualTo(200);
        }
        String line = "kong_http_requests_total{code=\"200\",consumer=\"\",route=\"vllm-route\",service=\"vllm\","
            + "source=\"service\",workspace=\"default\"} 3.0";
        HttpResponse<String> admin = awaitLine(gateway.admin("/metrics"), line);
        assertThat(admin.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
        assertThat(admin.body()).contains("# TYPE kong_kong_latency_ms histogram", "kong_node_info{",
            "kong_datastore_reachable 1");
        HttpResponse<String> status = http.get(gateway.url("status", "http").resolve("/metrics"));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains(line);
        assertThat(http.get(gateway.url("status", "http").resolve("/status")).statusCode()).isEqualTo(200);
        assertThat(http.get(gateway.url("status", "http").resolve("/services")).statusCode()).isEqualTo(404);
      }
    }
  }

  private HttpResponse<String> awaitLine(java.net.URI uri, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<String> r;
    do {
      r = http.get(uri);
      if (r.body().contains(line)) {
        return r;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertThat(r.body()).contains(line);
    return r;
  }
}
