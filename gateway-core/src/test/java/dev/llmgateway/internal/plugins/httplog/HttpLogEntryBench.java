package dev.llmgateway.internal.plugins.httplog;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.json.Json;
import dev.llmgateway.internal.logging.KongLogSerializer;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import dev.llmgateway.internal.plugins.testing.TestHeaders;
import dev.llmgateway.internal.plugins.testing.TestLogContext;
import dev.llmgateway.internal.plugins.testing.TestRequest;
import java.util.Map;

/**
 * A JMH-free measurement of what one http-log entry costs on the request's log phase (not a test): Kong's
 * serializer on a typical proxied request (route, service, consumer, 8 request and 6 response headers), JSON
 * text, and the UTF-8 size the queue counts: the work {@code HttpLogPlugin.log} does before it queues the entry
 * (outside the queue's lock). Prints µs per entry for three passes. Run after {@code ./mvnw -o -q test-compile
 * -pl gateway-core}: {@code java -cp gateway-core/target/classes:gateway-core/target/test-classes:<gson,
 * snakeyaml-engine, micrometer-core/-commons/-observation and HdrHistogram jars from ~/.m2>
 * dev.llmgateway.internal.plugins.httplog.HttpLogEntryBench [entries]}.
 */
public final class HttpLogEntryBench {
  private HttpLogEntryBench() {}

  public static void main(String[] args) {
    TestGateway gw = new TestGateway(new KeyAuthType());
    gw.service("llm", "http://10.0.0.7:8000/v1");
    gw.route("chat", "/v1/chat", "llm");
    gw.consumer("alice", "alice-custom");
    gw.credential("alice", "alice-secret-key");
    gw.plugin("key-auth", Map.of());
    KongLogSerializer serializer = new KongLogSerializer(gw.snapshot());
    TestRequest request = TestRequest.get("/v1/chat/completions?stream=true&user=a")
        .header("Host", "gateway.example").header("User-Agent", "OpenAI/Python 1.54.0")
        .header("Accept", "text/event-stream").header("Content-Type", "application/json")
        .header("apikey", "alice-secret-key").header("X-Request-Marker", "bench")
        .header("Accept-Encoding", "gzip, deflate").header("Connection", "keep-alive");
    TestHeaders response = new TestHeaders();
    for (String[] h : new String[][] {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"},
        {"Date", "Mon, 07 Dec 2026 12:00:00 GMT"}, {"Server", "uvicorn"}, {"X-Kong-Upstream-Latency", "12"},
        {"Via", "1.1 kong/3.10.0"}}) {
      response.set(h[0], h[1]);
    }
    var snapshot = gw.snapshot();
    TestLogContext ctx = new TestLogContext(request, snapshot.route(gw.id(Route.TYPE, "chat")),
        snapshot.service(gw.id(Service.TYPE, "llm")), snapshot.consumer("alice"),
        "2b1e7c7e-0c7a-4a1f-9a8e-3c1f0e5b8d11", response, null, null, 200, 18_432, 512, 1_480, 1_470, 2, "/v1/chat/completions?stream=true&user=a");
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    long sink = 0;
    for (int pass = 0; pass < 3; pass++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        String json = Json.write(serializer.serialize(ctx));
        sink += LogQueue.size(json);
      }
      long elapsed = System.nanoTime() - t0;
      System.out.printf("pass %d: %.2f us/entry (%d entries, %d bytes each)%n", pass,
          elapsed / 1000.0 / rounds, rounds, sink / ((long) rounds * (pass + 1)));
    }
  }
}
