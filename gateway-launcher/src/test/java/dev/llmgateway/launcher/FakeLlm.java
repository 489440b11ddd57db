package dev.llmgateway.launcher;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.StubExchange;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import dev.llmgateway.undertow.internal.testing.StubRequest;
import dev.llmgateway.undertow.internal.testing.StubUpstream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for vLLM or SGLang on a {@link StubUpstream}: {@code GET /v1/models}, and JSON answers naming the
 * server and echoing what it received (path, whether an apikey or Authorization reached it) for every other
 * request. A request with {@code "stream": true} gets an SSE response whose events the test releases one at a
 * time with {@link #send}, so a test can prove each event crossed the gateway before the next one existed.
 */
final class FakeLlm implements AutoCloseable {
  final String name;
  final StubUpstream stub;
  private volatile Stream current = new Stream();

  /** One streamed response: its own event queue, so a stream left over from an earlier test takes nothing. */
  private static final class Stream {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final CompletableFuture<StubExchange> exchange = new CompletableFuture<>();
  }

  FakeLlm(String name) {
    this.name = name;
    this.stub = StubUpstream.start(handler());
  }

  String url() {
    return stub.url();
  }

  private StubHandler handler() {
    return ex -> {
      StubRequest r = ex.request();
      if (r.method().equals("GET") && r.path().equals("/v1/models")) {
        ex.respond(200, "application/json", Json.write(Map.of("object", "list",
            "data", java.util.List.of(Map.of("id", name + "-model", "object", "model")))));
      } else if (r.bodyText().contains("\"stream\":true") || r.bodyText().contains("\"stream\": true")) {
        stream(ex);
      } else {
        ex.respond(200, "application/json", Json.write(echo(r)));
      }
    };
  }

  private Map<String, Object> echo(StubRequest r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("server", name);
    out.put("method", r.method());
    out.put("path", r.path());
    out.put("query", r.query());
    out.put("apikey_seen", r.header("apikey") != null);
    out.put("authorization_seen", r.header("authorization") != null);
    out.put("consumer", r.header("x-consumer-username"));
    out.put("body_length", r.body().length);
    return out;
  }

  private void stream(StubExchange ex) throws Exception {
    Stream stream = current;
    ex.startChunked(200, "text/event-stream");
    stream.exchange.complete(ex);
    while (true) {
      String event = stream.events.poll(10, TimeUnit.SECONDS);
      if (event == null) {
        ex.close();
        return;
      }
      ex.write("data: " + event + "\n\n");
      if (event.equals("[DONE]")) {
        ex.end();
        return;
      }
    }
  }

  /** Releases one SSE event of the open stream (after it started). */
  void send(String data) {
    current.events.add(data);
  }

  /** The exchange of the stream once the upstream received the streaming request. */
  StubExchange awaitStream(Duration timeout) throws Exception {
    return current.exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Forgets the last stream, so that the next streaming request can be awaited. */
  void resetStream() {
    current = new Stream();
  }

  @Override
  public void close() {
    stub.close();
  }
}
